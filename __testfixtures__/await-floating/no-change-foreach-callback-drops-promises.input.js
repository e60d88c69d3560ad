const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

// Resets per-user counters at the start of a billing period.
exports.resetUsage = functions.https.onRequest(async (req, res) => {
  const counters = await admin.firestore().collection('usage').get();
  // A QuerySnapshot's forEach is not an array's: the fix is `counters.docs.map`, left to the user.
  counters.forEach((doc) => {
    doc.ref.update({ requests: 0 });
  });

  // Two statements in the callback: which promise it should return is the user's call.
  const userIds = ['alice', 'bob', 'carol'];
  userIds.forEach((uid) => {
    functions.logger.info('resetting quota', { uid });
    admin.firestore().doc(`quotas/${uid}`).set({ used: 0 }, { merge: true });
  });

  // Discarded on purpose with void: left as it is, and reported since the response follows.
  userIds.forEach((uid) => {
    void admin.firestore().doc(`audit/${uid}`).set({ resetAt: Date.now() });
  });
  res.status(204).end();
});
