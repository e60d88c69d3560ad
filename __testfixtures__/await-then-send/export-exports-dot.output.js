const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('signups');

exports.signup = async (req, res) => {
  const data = Buffer.from(JSON.stringify({ email: req.body.email }));
  await topic.publishMessage({ data });
  res.sendStatus(200);
};
