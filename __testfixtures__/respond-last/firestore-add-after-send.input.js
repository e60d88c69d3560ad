const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.track = functions.https.onRequest((req, res) => {
  const visit = { path: req.path, at: Date.now() };
  res.send('ok');
  admin.firestore().collection('visits').add(visit);
});
