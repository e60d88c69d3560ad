const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');
const { PubSub } = require('@google-cloud/pubsub');

admin.initializeApp();
const db = admin.firestore();
const orders = new PubSub().topic('orders');

exports.createOrder = functions.https.onRequest(async (req, res) => {
  const order = { ...req.body, createdAt: Date.now() };
  await orders.publishMessage({ json: order });
  await db.collection('orders').add(order);
  res.sendStatus(200);
});

exports.cancelOrder = functions.https.onRequest(async (req, res) => {
  const ref = db.collection('orders').doc(req.params.id);
  await db.collection('audit').add({ id: ref.id, event: 'cancel' });
  await ref.update({ status: 'cancelled' });
  res.sendStatus(200);
});
