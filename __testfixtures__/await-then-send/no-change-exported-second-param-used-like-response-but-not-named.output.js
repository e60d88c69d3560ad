const { enqueue } = require('./queue');

// The second parameter is not called res: having setHeader does not make it a response.
exports.track = (input, out) => {
  out.setHeader('Cache-Control', 'no-store');
  return enqueue('tracking', input.body);
};
