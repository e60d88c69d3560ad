const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('setFlag', (req, res) => {
  const ref = db.doc(`flags/${req.body.name}`);
  return req.body.enabled ? ref.set({ enabled: true }) : ref.delete();
});
