const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.profile = functions.https.onRequest(async (req, res) => {
  const ref = db.doc(`profiles/${req.query.uid}`);
  switch (req.method) {
    case 'GET':
      break;
    case 'PUT':
      await ref.set(req.body, { merge: true });
      break;
    default:
      res.set('Allow', 'GET, PUT');
      res.status(405).send('method not allowed');
      break;
  }
  const snapshot = await ref.get();
  res.json(snapshot.data() || {});
});
