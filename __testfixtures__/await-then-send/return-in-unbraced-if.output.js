const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('heartbeat', async (req, res) => {
  const id = req.query.device;
  if (!req.query.silent) {
    await db.doc(`devices/${id}`).update({ lastSeen: Date.now() });
    res.sendStatus(200);
    return;
  }
  res.sendStatus(204);
});
