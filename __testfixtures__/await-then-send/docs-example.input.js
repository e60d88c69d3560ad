exports.handler = (req, res) => {
  return Promise.resolve(req.body);
};
