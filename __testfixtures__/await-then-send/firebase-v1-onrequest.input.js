const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.recordVisit = functions.https.onRequest((req, res) => {
  functions.logger.info('visit', { path: req.path });
  return admin.firestore().collection('visits').add({
    path: req.path,
    at: admin.firestore.FieldValue.serverTimestamp(),
  });
});
