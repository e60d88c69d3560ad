exports.handler = (req, res) => {
  res.send('accepted');
  return queue.enqueue(req.body);
};
