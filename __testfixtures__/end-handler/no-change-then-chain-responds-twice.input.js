const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.archiveNote = functions.https.onRequest((req, res) => {
  const ref = admin.firestore().doc(`notes/${req.query.id}`);
  return ref
    .get()
    .then((snapshot) => {
      if (!snapshot.exists) return res.status(404).send('no such note');
      return ref.update({ archived: true });
    })
    .then(() => res.send('archived'));
});
