const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('signups');

exports.signup = (req, res) => {
  const data = Buffer.from(JSON.stringify({ email: req.body.email }));
  return topic.publishMessage({ data });
};
