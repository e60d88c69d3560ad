/**
 * Order service on Cloud Run functions (Functions Framework, Node.js).
 * Deploy: gcloud functions deploy createOrder --gen2 --runtime=nodejs20 --trigger-http
 */
const functions = require('@google-cloud/functions-framework');
const { Firestore, FieldValue } = require('@google-cloud/firestore');
const { PubSub } = require('@google-cloud/pubsub');

const db = new Firestore();
const orderEvents = new PubSub().topic('order-events');

functions.http('createOrder', (req, res) => {
  const { customerId, items } = req.body;
  const order = {
    customerId,
    items,
    total: items.reduce((sum, item) => sum + item.price * item.quantity, 0),
    status: 'pending',
    createdAt: FieldValue.serverTimestamp(),
  };
  return db.collection('orders').add(order);
});

functions.http('getOrder', async (req, res) => {
  if (!req.query.id) {
    return res.status(400).send('Missing order id');
  }
  const doc = await db.collection('orders').doc(req.query.id).get();
  if (!doc.exists) {
    return res.status(404).send('Order not found');
  }
  res.json({ id: doc.id, ...doc.data() });
});

functions.http('cancelOrder', async (req, res) => {
  const ref = db.collection('orders').doc(req.body.id);
  await ref.update({ status: 'cancelled', cancelledAt: FieldValue.serverTimestamp() });
  res.send(200);
  // Let the warehouse know.
  orderEvents.publishMessage({ json: { orderId: ref.id, type: 'order.cancelled' } });
  console.log(`Order ${ref.id} cancelled`);
});
