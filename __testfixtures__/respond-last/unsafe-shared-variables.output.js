exports.counter = async (req, res) => {
  let count = await counts.get();
  res.json({ count });
  count = 0;
  await counts.reset();
};

exports.list = async (req, res) => {
  const items = await load();
  res.json(items);
  items.push(await loadMore());
};

exports.hoisted = (req, res) => {
  res.send(greeting);
  var greeting = makeGreeting();
};
