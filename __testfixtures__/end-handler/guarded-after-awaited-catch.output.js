const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.syncProfile = functions.https.onRequest(async (req, res) => {
  const uid = String(req.query.uid);
  await admin
    .auth()
    .getUser(uid)
    .then((user) => db.doc(`profiles/${uid}`).set({ email: user.email }, { merge: true }))
    .catch((err) => res.status(500).send(`sync failed: ${err.message}`));
  if (!res.headersSent) res.sendStatus(200);
});
