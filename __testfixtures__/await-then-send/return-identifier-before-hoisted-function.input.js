const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.snapshot = functions.https.onRequest((req, res) => {
  const pending = copyCollection('orders', `backups/${Date.now()}`);
  return pending;

  function copyCollection(from, to) {
    return admin.firestore().collection(from).get().then((snap) => admin.storage().bucket().file(to).save(JSON.stringify(snap.docs.map((d) => d.data()))));
  }
});
