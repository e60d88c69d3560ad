const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.counter = functions.https.onRequest(async (req, res) => {
  const snap = await admin.firestore().doc('stats/visits').get();
  res.json({ visits: snap.get('count') });
  return 1;
  return admin.firestore().doc('stats/visits').update({ count: snap.get('count') + 1 });
});
