const functions = require('firebase-functions');
const admin = require('firebase-admin');
const cache = require('./cache');

admin.initializeApp();

exports.leaderboard = functions.https.onRequest(async (req, res) => {
  const cached = cache.get('leaderboard');
  if (cached) {
    res.json(cached);
  }
  await admin.firestore().doc('stats/leaderboard').update({ reads: admin.firestore.FieldValue.increment(1) });
  if (!res.headersSent) res.sendStatus(200);
});
