const { enqueue } = require('./queue');

// The second parameter is not called res, but setHeader marks it as a response.
exports.track = async (input, out) => {
  out.setHeader('Cache-Control', 'no-store');
  await enqueue('tracking', input.body);
  out.sendStatus(200);
};
