exports.voided = async (req, res) => {
  res.json({ queued: true });
  void topic.publishMessage({ json: req.body });
  await other.thing();
};
