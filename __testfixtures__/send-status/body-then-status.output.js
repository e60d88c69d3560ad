exports.legacy = (req, res) => {
  if (req.query.missing) return res.status(404).send('not found');
  res.status(200).json({ items: [] });
};
