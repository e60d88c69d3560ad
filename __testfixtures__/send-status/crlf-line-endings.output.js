exports.crlf = (req, res) => {
  res.sendStatus(204);
};
