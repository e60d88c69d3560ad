exports.later = (req, res) => {
  res.sendStatus(202);
  setTimeout(() => processUpload(req.body), 0);
};
