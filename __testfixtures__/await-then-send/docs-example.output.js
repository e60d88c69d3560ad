exports.handler = async (req, res) => {
  await Promise.resolve(req.body);
  res.sendStatus(200);
};
