// Known false negative: a helper called with the response body mutates it. Moving the call
// before the response changes what is sent; only direct writes (`list.push`, `o.x = 1`) are seen.
exports.list = async (req, res) => {
  const list = await load();
  res.json(list);
  appendDefaults(list);
};
