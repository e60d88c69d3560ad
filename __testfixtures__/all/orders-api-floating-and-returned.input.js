const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');
const { PubSub } = require('@google-cloud/pubsub');

admin.initializeApp();
const db = admin.firestore();
const orders = new PubSub().topic('orders');

exports.createOrder = functions.https.onRequest((req, res) => {
  const order = { ...req.body, createdAt: Date.now() };
  orders.publishMessage({ json: order });
  return db.collection('orders').add(order);
});

exports.cancelOrder = functions.https.onRequest(async (req, res) => {
  const ref = db.collection('orders').doc(req.params.id);
  db.collection('audit').add({ id: ref.id, event: 'cancel' });
  res.send(200);
  ref.update({ status: 'cancelled' });
});
