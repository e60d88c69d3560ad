const { enqueue } = require('./queue');

// The second parameter is not called res, but setHeader marks it as a response.
exports.track = (input, out) => {
  out.setHeader('Cache-Control', 'no-store');
  return enqueue('tracking', input.body);
};
