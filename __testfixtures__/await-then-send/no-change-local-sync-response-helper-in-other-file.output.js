const functions = require('firebase-functions');
const admin = require('firebase-admin');
const { sendError } = require('./lib/respond');

admin.initializeApp();
const db = admin.firestore();

exports.getProfile = functions.https.onRequest(async (req, res) => {
  if (!req.query.id) {
    return sendError(res, 400, 'missing id');
  }
  const snap = await db.collection('profiles').doc(req.query.id).get();
  res.json(snap.data());
});
