const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

exports.latestRelease = functions.https.onRequest((req, res) => {
  try {
    return admin.firestore().doc('config/latest').get().then((doc) => res.json(doc.data()));
  } catch (err) {
    // The SDK threw before the read started: carry on and log the request anyway.
  }
  console.log('latest release requested', req.ip);
});
