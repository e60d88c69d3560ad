exports.crlf = (req, res) => {
  res.send(204);
  res.end();
};
