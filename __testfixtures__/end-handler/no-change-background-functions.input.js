const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

// Background functions never respond: returning (or awaiting) their work is correct.
exports.onUserCreated = functions.auth.user().onCreate(async (user) => {
  await admin.firestore().doc(`users/${user.uid}`).set({ email: user.email });
});

exports.nightly = functions.pubsub.schedule('every day 03:00').onRun(async () => {
  const stale = await admin.firestore().collection('sessions').where('expired', '==', true).get();
  await Promise.all(stale.docs.map((doc) => doc.ref.delete()));
});
