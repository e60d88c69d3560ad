// Known false negative: the work runs after the response only when `cached` is set. Nothing is
// reported unless every path responds first.
exports.lookup = async (req, res) => {
  const cached = cache.get(req.query.key);
  if (cached) {
    res.send(cached);
  }
  await refresh(req.query.key);
};
