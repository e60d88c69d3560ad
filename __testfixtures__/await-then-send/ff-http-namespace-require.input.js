const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('saveOrder', (req, res) => {
  const order = { ...req.body, createdAt: Date.now() };
  return db.collection('orders').doc(order.id).set(order);
});
