exports.guard = async (req, res) => {
  if (!req.body) {
    res.status(400).send('missing body');
    failures.count();
    return;
  }
  res.send('ok');
};
