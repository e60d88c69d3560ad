exports.handler = (req, res) => {
  res.send('accepted');
  return req.body ? queue.enqueue(req.body) : Promise.resolve();
};
