const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

async function recordVisit(page, userAgent) {
  await db.collection('visits').add({ page, userAgent, at: Date.now() });
  await db.collection('pages').doc(page).update({ views: admin.firestore.FieldValue.increment(1) });
}

exports.track = functions.https.onRequest(async (req, res) => {
  const page = String(req.query.page || 'home');
  await recordVisit(page, req.get('user-agent'));
  res.set('Cache-Control', 'no-store');
  res.status(204).end();
});
