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

// Only the error path runs on after the try: it is still an error path.
exports.resubscribe = functions.https.onRequest(async (req, res) => {
  try {
    await admin.firestore().doc(`subscribers/${req.query.email}`).set({ active: true });
    res.send('Welcome back.');
  } catch (err) {
    functions.logger.error('resubscribe failed', err);
  }
  functions.logger.info('resubscribe handled', req.query.email);
});
