const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.resetCounters = functions.https.onRequest((req, res) => {
  const db = admin.firestore();
  return Promise.all([
    db.doc('counters/orders').set({ value: 0 }),
    db.doc('counters/visits').set({ value: 0 }),
    admin.database().ref('live/counters').remove(),
  ]);
});
