const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.ping = functions.https.onRequest(async (req, res) => {
  await admin.firestore().doc('health/last').set({ at: Date.now(), from: req.ip });
  res.status(204).end();
});
