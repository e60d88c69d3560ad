const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

// Archives carts nobody touched for a week; called by Cloud Scheduler over HTTP.
exports.archiveStaleCarts = functions.https.onRequest(async (req, res) => {
  const cutoff = admin.firestore.Timestamp.fromMillis(Date.now() - 7 * 24 * 60 * 60 * 1000);
  const stale = await db.collection('carts').where('updatedAt', '<', cutoff).get();
  await Promise.all(stale.docs.map((doc) => {
    return doc.ref.update({ archived: true, archivedAt: admin.firestore.FieldValue.serverTimestamp() });
  }));
  res.json({ archived: stale.size });
});
