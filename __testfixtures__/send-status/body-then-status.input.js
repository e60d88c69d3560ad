exports.legacy = (req, res) => {
  if (req.query.missing) return res.send('not found', 404);
  res.json({ items: [] }, 200);
};
