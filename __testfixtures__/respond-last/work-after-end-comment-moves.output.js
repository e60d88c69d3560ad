const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('ping', async (req, res) => {
  // keep a trace of every ping
  await db.collection('pings').add({ from: req.ip, at: Date.now() });
  res.status(204).end();
});
