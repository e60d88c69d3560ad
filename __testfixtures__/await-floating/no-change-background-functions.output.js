const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

exports.onOrderCreated = functions.firestore.document('orders/{id}').onCreate((snap) => {
  admin.firestore().collection('stats').doc('orders').update({ count: admin.firestore.FieldValue.increment(1) });
  return null;
});

exports.onJob = functions.pubsub.topic('jobs').onPublish((message) => {
  admin.firestore().collection('jobs').add(message.json);
});
