const functions = require('firebase-functions');
const { findReplica } = require('./replicas');

exports.failover = functions.https.onRequest((req, res) => {
  for (const region of ['us-central1', 'europe-west1']) {
    const replica = findReplica(region);
    if (replica.healthy) return replica.promote();
  }
  res.status(503).send('no healthy replica');
});
