const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

exports.resetCounters = functions.https.onRequest(async (req, res) => {
  const db = admin.firestore();
  const names = ['likes', 'shares', 'views'];
  Promise.all(names.map((name) => db.collection('counters').doc(name).set({ value: 0 })));
  res.send(`reset ${names.length} counters`);
});
