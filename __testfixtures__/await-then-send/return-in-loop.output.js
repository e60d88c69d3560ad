const functions = require('firebase-functions');
const { findReplica } = require('./replicas');

exports.failover = functions.https.onRequest(async (req, res) => {
  for (const region of ['us-central1', 'europe-west1']) {
    const replica = findReplica(region);
    if (replica.healthy) {
      await replica.promote();
      res.sendStatus(200);
      return;
    }
  }
  res.status(503).send('no healthy replica');
});
