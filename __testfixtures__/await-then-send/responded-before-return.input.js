const functions = require('firebase-functions');
const { PubSub } = require('@google-cloud/pubsub');

const pubsub = new PubSub();

exports.acceptJob = functions.https.onRequest((req, res) => {
  res.status(202).json({ accepted: true });
  return pubsub.topic('jobs').publishMessage({ json: req.body });
});
