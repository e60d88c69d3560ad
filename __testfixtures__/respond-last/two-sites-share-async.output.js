exports.two = async (req, res) => {
  if (req.query.a) {
    await db.save('a');
    res.send('a');
  } else {
    await db.save('b');
    res.send('b');
  }
};
