exports.early = async (req, res) => {
  res.send('ok');
  if (!req.body) return;
  await store(req.body);
};

exports.throws = async (req, res) => {
  res.send('ok');
  if (!req.body) throw new Error('empty body');
  await store(req.body);
};

exports.loop = async (req, res) => {
  for (const item of req.body.items) {
    res.write(item);
    res.end();
    if (item.last) break;
    await store(item);
  }
};
