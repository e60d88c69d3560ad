const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.unsubscribe = functions.https.onRequest(async (req, res) => {
  try {
    await admin.firestore().doc(`subscribers/${req.query.email}`).delete();
    res.send('You are unsubscribed.');
  } catch (err) {
    functions.logger.error('unsubscribe failed', err);
  }
});
