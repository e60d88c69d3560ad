const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.snapshot = functions.https.onRequest(async (req, res) => {
  const pending = copyCollection('orders', `backups/${Date.now()}`);
  await pending;
  res.sendStatus(200);

  function copyCollection(from, to) {
    return admin.firestore().collection(from).get().then((snap) => admin.storage().bucket().file(to).save(JSON.stringify(snap.docs.map((d) => d.data()))));
  }
});
