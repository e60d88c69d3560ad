exports.vote = async (req, res) => {
  if (req.body.choice) {
    await votes.record(req.body.choice);
    res.json({ thanks: true });
  } else {
    res.status(400).json({ error: 'no choice' });
    console.warn('empty vote');
  }
};
