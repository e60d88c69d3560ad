const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('setFlag', async (req, res) => {
  const ref = db.doc(`flags/${req.body.name}`);
  await (req.body.enabled ? ref.set({ enabled: true }) : ref.delete());
  res.sendStatus(200);
});
