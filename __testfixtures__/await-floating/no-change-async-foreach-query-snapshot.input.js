const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

exports.expireSessions = functions.https.onRequest(async (req, res) => {
  const cutoff = Date.now() - 24 * 60 * 60 * 1000;
  const snapshot = await admin.firestore().collection('sessions').where('at', '<', cutoff).get();
  snapshot.forEach(async (doc) => {
    await doc.ref.delete();
  });
  res.send(`expired ${snapshot.size}`);
});
