const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');
const cors = require('cors')({ origin: true });

admin.initializeApp();
const db = admin.firestore();

exports.subscribe = functions.https.onRequest((req, res) => {
  cors(req, res, () => {
    const email = String(req.body.email || '').trim().toLowerCase();
    if (!email.includes('@')) {
      res.status(400).json({ error: 'invalid email' });
      return;
    }
    db.collection('subscribers').doc(email).set({
      email,
      subscribedAt: admin.firestore.FieldValue.serverTimestamp(),
    });
    res.status(200).json({ ok: true });
  });
});
