const functions = require('firebase-functions');
const admin = require('firebase-admin');

const db = admin.firestore();

// The write sits in a branch of the forEach callback: which promise the callback should return,
// and whether the skipped documents matter, is the author's call. Reported, not rewritten.
exports.archiveOrders = functions.https.onRequest(async (req, res) => {
  const cutoff = Date.now() - 90 * 864e5;
  const orders = await db.collection('orders').where('status', '==', 'delivered').get();
  orders.docs.forEach((doc) => {
    const order = doc.data();
    if (order.deliveredAt < cutoff) {
      db.collection('archive').doc(doc.id).set(order);
    }
  });
  res.json({ checked: orders.size });
});
