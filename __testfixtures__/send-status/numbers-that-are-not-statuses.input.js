exports.numbers = (req, res) => {
  if (req.query.a) return res.send(42);
  if (req.query.b) return res.send(600);
  if (req.query.c) return res.send(2e2);
  if (req.query.d) return res.json({ n: 1 }, 42);
  if (req.query.e) return res.redirect('/x', 700);
  res.send(-1);
};
