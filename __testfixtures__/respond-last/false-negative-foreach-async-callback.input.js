// Known false negative: the work is moved before the response, but `forEach` does not wait for
// its async callback, so the writes can still run after the response. Use
// `await Promise.all(items.map(...))` by hand.
exports.bulk = async (req, res) => {
  res.sendStatus(202);
  req.body.items.forEach(async (item) => {
    await db.collection('items').add(item);
  });
};
