const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.onSignup = functions.pubsub.topic('signups').onPublish((message, context) => {
  const { email } = message.json;
  return admin.firestore().collection('mailing-list').doc(email).set({ email, at: context.timestamp });
});
