const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.updateProfile = functions.region('europe-west1').https.onRequest((req, res) => {
  const { uid, displayName } = req.body;
  return db.doc(`users/${uid}`).update({ displayName });
});
