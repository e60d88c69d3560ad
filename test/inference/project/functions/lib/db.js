'use strict';
// Firestore access for the order functions.
const admin = require('firebase-admin');
const { FieldValue, Timestamp } = require('firebase-admin/firestore');

if (!admin.apps.length) {
  admin.initializeApp(); // @not-promise
}

const db = admin.firestore(); // @not-promise
const ORDERS = 'orders';

exports.db = db;

exports.getOrder = function getOrder(orderId) {
  return db.collection(ORDERS).doc(orderId).get(); // @promise
};

exports.orderRef = (orderId) => db.collection(ORDERS).doc(orderId);

exports.saveOrder = async function saveOrder(orderId, order) {
  const ref = db.collection(ORDERS).doc(orderId); // @not-promise
  await ref.set({ ...order, updatedAt: FieldValue.serverTimestamp() }, { merge: true }); // @promise
  return ref.id; // @not-promise -- a document id
};

exports.listOpenOrders = async (customerId) => {
  const snapshot = await db // @promise
    .collection(ORDERS)
    .where('customerId', '==', customerId)
    .where('status', '==', 'open')
    .orderBy('createdAt', 'desc')
    .get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...doc.data() })); // @not-promise
};

// Fire and forget: the write is started, nothing is returned.
exports.touchOrder = (orderId) => {
  db.collection(ORDERS).doc(orderId).update({ touchedAt: Timestamp.now() }); // @promise
};

exports.newOrderId = function newOrderId() {
  return db.collection(ORDERS).doc().id; // @not-promise
};

exports.countOrders = function countOrders(status) {
  const query = db.collection(ORDERS).where('status', '==', status); // @not-promise
  return query.count().get().then((snap) => snap.data().count); // @promise
};

exports.closeOrders = async function closeOrders(orderIds) {
  const batch = db.batch(); // @not-promise
  for (const id of orderIds) {
    batch.update(db.collection(ORDERS).doc(id), { status: 'closed' }); // @not-promise -- WriteBatch.update chains
  }
  return batch.commit(); // @promise
};

exports.reserveStock = function reserveStock(sku, quantity) {
  const ref = db.collection('stock').doc(sku); // @not-promise
  return db.runTransaction(async (tx) => { // @promise
    const doc = await tx.get(ref); // @promise
    const available = doc.exists ? doc.data().available : 0;
    if (available < quantity) {
      throw new Error(`only ${available} of ${sku} left`);
    }
    tx.update(ref, { available: available - quantity }); // @not-promise -- Transaction.update chains
    return available - quantity; // @not-promise
  });
};

exports.timestamp = () => FieldValue.serverTimestamp();

exports.recordAudit = function recordAudit(entry) {
  return db.collection('audit').add({ ...entry, at: FieldValue.serverTimestamp() }); // @promise
};
