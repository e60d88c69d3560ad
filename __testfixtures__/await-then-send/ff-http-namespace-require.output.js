const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('saveOrder', async (req, res) => {
  const order = { ...req.body, createdAt: Date.now() };
  await db.collection('orders').doc(order.id).set(order);
  res.sendStatus(200);
});
