const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.saveSettings = functions.https.onRequest((req, res) => {
  if (req.body.reset) return admin.firestore().doc('settings/app').delete();
  return admin.firestore().doc('settings/app').set(req.body);
});
