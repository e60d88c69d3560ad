'use strict';
// Publishing endpoints for partners and the admin console.
const functions = require('firebase-functions/v1');
const { PubSub } = require('@google-cloud/pubsub');
const runMaintenance = require('./lib/jobs');
const { deleteCollection } = require('./lib/jobs');
const { publishOrderCreated, publishAll, topicName } = require('./lib/publish');

const pubsub = new PubSub({ projectId: process.env.GCLOUD_PROJECT }); // @not-promise

function encode(payload) {
  return Buffer.from(JSON.stringify(payload)); // @not-promise
}

exports.publishRaw = functions.https.onRequest(async (req, res) => {
  const topic = pubsub.topic(req.query.topic || 'raw', { batching: { maxMessages: 50 } }); // @not-promise
  const id = await topic.publish(encode(req.body), { source: 'http' }); // @promise
  topic.publishJSON({ mirror: true, id }); // @promise
  await topic.flush(); // @promise
  res.json({ id }); // @not-promise
});

exports.publishBatch = functions.https.onRequest(async (req, res) => {
  const events = Array.isArray(req.body) ? req.body : [req.body]; // @not-promise -- a parsed JSON body
  const ids = await publishAll(events); // @promise
  res.json({ ids, topic: topicName('orders') }); // @not-promise
});

exports.publishCallback = functions.https.onRequest((req, res) => {
  const topic = pubsub.topic('callbacks'); // @not-promise
  topic.publish(encode(req.body), (err, id) => { // @not-promise
    if (err) return res.status(500).send(err.message); // @not-promise
    res.json({ id }); // @not-promise
  });
});

exports.ensureTopic = functions.https.onRequest(async (req, res) => {
  const topic = pubsub.topic(req.body.name); // @not-promise
  const [exists] = await topic.exists(); // @promise
  if (!exists) {
    await pubsub.createTopic(req.body.name); // @promise
  }
  const [metadata] = await topic.getMetadata(); // @promise
  res.json({ name: metadata.name, created: !exists }); // @not-promise
});

exports.replayOrder = functions.https.onRequest((req, res) => {
  const order = req.body; // @not-promise -- a parsed JSON body
  publishOrderCreated(order) // @promise
    .then((id) => res.json({ id }))
    .catch((err) => res.status(500).json({ error: err.message }));
});

exports.maintenance = functions.runWith({ timeoutSeconds: 540 }).https.onRequest(async (req, res) => {
  const result = await runMaintenance({ batchSize: 100 }); // @promise
  const cleared = deleteCollection('carts', 100); // @promise
  await cleared; // @promise
  res.json(result); // @not-promise
});
