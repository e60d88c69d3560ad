exports.guard = async (req, res) => {
  if (!req.body) {
    await failures.count();
    res.status(400).send('missing body');
    return;
  }
  res.send('ok');
};
