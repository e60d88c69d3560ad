exports.a = (req, res) => {
  res.json({ a: 1 });
  res.end();
};

exports.b = (req, res) => {
  res.status(201).send('created'); res.end();
};

exports.c = (req, res) => {
  res.sendStatus(204);
  res.end();
  res.end();
};
