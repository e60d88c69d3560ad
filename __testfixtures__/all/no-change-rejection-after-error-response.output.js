const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.approve = functions.https.onRequest(async (req, res) => {
  try {
    await admin.firestore().doc(`requests/${req.body.id}`).update({ approved: true });
    res.json({ ok: true });
  } catch (err) {
    res.status(500).send(`Could not approve: ${err.message}`);
    return Promise.reject(err);
  }
});
