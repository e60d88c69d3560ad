exports.handler = (req, res) => {
  res.send(200);
  res.end();
  return Promise.resolve();
};
