const functions = require('@google-cloud/functions-framework');
const { Firestore, FieldValue } = require('@google-cloud/firestore');

const firestore = new Firestore();

functions.http('checkout', async (req, res) => {
  const order = await firestore.collection('orders').add(req.body);
  // Best effort: the counter must never delay the checkout.
  void firestore.collection('stats').doc('orders').update({ count: FieldValue.increment(1) });
  res.status(201).json({ id: order.id });
});
