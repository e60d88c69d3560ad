const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.status = functions.https.onRequest(async (req, res) => {
  const ref = admin.firestore().doc('status/current');
  if (req.method === 'GET') {
    res.json({ ok: true });
  } else {
    await ref.set(req.body);
    res.sendStatus(200);
  }
});
