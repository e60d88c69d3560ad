const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.addMessage = functions.https.onCall((data, context) => {
  if (!context.auth) {
    throw new functions.https.HttpsError('unauthenticated', 'sign in first');
  }
  return admin
    .firestore()
    .collection('messages')
    .add({ text: data.text, uid: context.auth.uid })
    .then((ref) => ({ id: ref.id }));
});
