exports.maybe = async (req, res) => {
  if (req.query.async) {
    await jobs.enqueue(req.query);
    res.status(202).send('queued');
    return;
  }
  res.status(200).json(run(req.query));
};
