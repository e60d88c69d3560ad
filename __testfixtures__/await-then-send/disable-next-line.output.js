const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.legacyImport = functions.https.onRequest((req, res) => {
  // The caller polls the import status; this endpoint is allowed to time out.
  // sendlast-disable-next-line
  return admin.firestore().collection('imports').add(req.body);
});

exports.queuedImport = functions.https.onRequest((req, res) => {
  // sendlast-disable-next-line await-then-send -- the client never waits for an answer
  return admin.firestore().collection('imports').add({ ...req.body, queued: true });
});

exports.otherTransformDisabled = functions.https.onRequest(async (req, res) => {
  // sendlast-disable-next-line respond-last
  await admin.firestore().collection('imports').add({ ...req.body, source: 'api' });
  res.sendStatus(200);
});
