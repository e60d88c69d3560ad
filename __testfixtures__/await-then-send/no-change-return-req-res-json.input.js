const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.countOrders = functions.https.onRequest(async (req) => {
  const snap = await admin.firestore().collection('orders').count().get();
  return req.res.json({ count: snap.data().count });
});
