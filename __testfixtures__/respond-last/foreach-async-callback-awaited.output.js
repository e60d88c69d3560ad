// An async `forEach` after the response: `forEach` waits for none of its callbacks, so it is moved
// before the response as `await Promise.all(items.map(...))`, and every write finishes first.
exports.bulk = async (req, res) => {
  await Promise.all(req.body.items.map(async (item) => {
    await db.collection('items').add(item);
  }));
  res.sendStatus(202);
};
