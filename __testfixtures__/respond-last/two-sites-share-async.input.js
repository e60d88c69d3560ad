exports.two = (req, res) => {
  if (req.query.a) {
    res.send('a');
    db.save('a');
  } else {
    res.send('b');
    db.save('b');
  }
};
