exports.voided = async (req, res) => {
  await topic.publishMessage({ json: req.body });
  await other.thing();
  res.json({ queued: true });
};
