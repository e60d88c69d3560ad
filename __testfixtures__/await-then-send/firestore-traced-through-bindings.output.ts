import { onRequest } from 'firebase-functions/v2/https';
import { initializeApp } from 'firebase-admin/app';
import { getFirestore, FieldValue } from 'firebase-admin/firestore';

initializeApp();
const db = getFirestore();
const orders = db.collection('orders');

export const placeOrder = onRequest(async (req, res) => {
  await orders.doc(String(req.body.id)).set({ ...req.body, createdAt: FieldValue.serverTimestamp() });
  res.sendStatus(200);
});
