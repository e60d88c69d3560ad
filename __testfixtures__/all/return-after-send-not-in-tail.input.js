exports.maybe = (req, res) => {
  if (req.query.async) {
    res.send(202, 'queued');
    return jobs.enqueue(req.query);
  }
  res.json(200, run(req.query));
};
