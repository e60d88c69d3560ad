const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.saveSettings = functions.https.onRequest(async (req, res) => {
  if (req.body.reset) {
    await admin.firestore().doc('settings/app').delete();
    res.sendStatus(200);
    return;
  }
  await admin.firestore().doc('settings/app').set(req.body);
  res.sendStatus(200);
});
