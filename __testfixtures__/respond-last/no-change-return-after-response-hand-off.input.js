const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

function logAccess(req, res) {
  return db.collection('access-log').add({ path: req.path, status: res.statusCode, at: Date.now() });
}

exports.profile = functions.https.onRequest((req, res) => {
  return db
    .doc(`profiles/${req.query.uid}`)
    .get()
    .then((snap) => {
      res.json(snap.data());
      return logAccess(req, res);
    });
});
