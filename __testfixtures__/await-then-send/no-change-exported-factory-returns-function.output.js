// A factory taking (req, res, options) that returns the error callback: a function is not a promise.
module.exports = function finalhandler(req, res, options) {
  const opts = options || {};
  return function (err) {
    if (err) {
      res.statusCode = 500;
    }
    res.end(opts.message || 'done');
  };
};
