const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.logEvent = functions.https.onRequest((request, response) => {
  return admin.firestore().collection('events').add(request.body);
});

exports.clearCache = functions.https.onRequest((req, res) => {
  return admin
    .database()
    .ref('cache')
    .remove()
    .catch((err) => res.status(500).send(err.message));
});
