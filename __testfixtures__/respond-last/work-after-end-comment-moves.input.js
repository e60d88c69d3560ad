const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('ping', (req, res) => {
  res.status(204).end();
  // keep a trace of every ping
  db.collection('pings').add({ from: req.ip, at: Date.now() });
});
