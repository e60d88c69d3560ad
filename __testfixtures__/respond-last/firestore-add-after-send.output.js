const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.track = functions.https.onRequest(async (req, res) => {
  const visit = { path: req.path, at: Date.now() };
  await admin.firestore().collection('visits').add(visit);
  res.send('ok');
});
