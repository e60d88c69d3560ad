exports.a = (req, res) => {
  res.json({ a: 1 });
};

exports.b = (req, res) => {
  res.status(201).send('created');
};

exports.c = (req, res) => {
  res.sendStatus(204);
};
