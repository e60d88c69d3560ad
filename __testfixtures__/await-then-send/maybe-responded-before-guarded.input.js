const functions = require('firebase-functions');
const admin = require('firebase-admin');
const cache = require('./cache');

admin.initializeApp();

exports.leaderboard = functions.https.onRequest((req, res) => {
  const cached = cache.get('leaderboard');
  if (cached) {
    res.json(cached);
  }
  return admin.firestore().doc('stats/leaderboard').update({ reads: admin.firestore.FieldValue.increment(1) });
});
