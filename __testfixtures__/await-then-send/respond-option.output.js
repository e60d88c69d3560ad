const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.logEvent = functions.https.onRequest(async (request, response) => {
  await admin.firestore().collection('events').add(request.body);
  response.status(204).end();
});

exports.clearCache = functions.https.onRequest(async (req, res) => {
  await admin
    .database()
    .ref('cache')
    .remove()
    .catch((err) => res.status(500).send(err.message));
  if (!res.headersSent) res.status(204).end();
});
