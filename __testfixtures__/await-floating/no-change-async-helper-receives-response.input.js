const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

async function sendReport(res, id) {
  const doc = await db.collection('reports').doc(id).get();
  res.json(doc.data());
}

exports.report = functions.https.onRequest((req, res) => {
  const id = String(req.query.id);
  sendReport(res, id);
});
