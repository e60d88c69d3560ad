exports.vote = async (req, res) => {
  if (req.body.choice) {
    res.json({ thanks: true });
    votes.record(req.body.choice);
  } else {
    res.status(400).json({ error: 'no choice' });
    console.warn('empty vote');
  }
};
