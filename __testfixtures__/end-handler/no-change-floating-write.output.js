const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.trackClick = functions.https.onRequest((req, res) => {
  admin.firestore().collection('clicks').add({ url: req.query.url, at: Date.now() });
});
