const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

// Called through `exports.` so tests can stub it: a helper whose return value is used.
exports.verifyToken = (req, res) => {
  res.set('Vary', 'Authorization');
  return admin.auth().verifyIdToken((req.get('Authorization') || '').replace('Bearer ', ''));
};

exports.profile = functions.https.onRequest(async (req, res) => {
  const token = await exports.verifyToken(req, res);
  res.json({ uid: token.uid });
});
