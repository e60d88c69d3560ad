exports.bodies = (req, res) => {
  if (req.query.a) return res.send('200');
  if (req.query.b) return res.send(data);
  if (req.query.c) return res.json(200);
  if (req.query.d) return res.redirect(url);
  res.redirect(status, url);
};
