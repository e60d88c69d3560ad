import * as functions from 'firebase-functions';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import * as admin from 'firebase-admin';

admin.initializeApp();

export const countOrders = functions.firestore.document('orders/{orderId}').onCreate((snap, context) => {
  return admin.firestore().doc('stats/orders').update({ count: admin.firestore.FieldValue.increment(1) });
});

export const indexProduct = onDocumentCreated('products/{id}', (event) => {
  return admin.firestore().doc(`search/${event.params.id}`).set({ title: event.data?.get('title') });
});
