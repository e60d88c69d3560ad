const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.cleanupSessions = functions.https.onRequest(async (req, res) => {
  const now = admin.firestore.Timestamp.now();
  const expired = await db.collection('sessions').where('expiresAt', '<', now).get();
  expired.docs.forEach((session) => session.ref.delete());
  const newest = expired.docs[0];
  if (newest) {
    db.collection('audit').add({ lastCleanup: now, lastSession: newest.id });
  }
  res.json({ removed: expired.size });
});
