const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

exports.tagPhotos = functions.https.onRequest(async (req, res) => {
  const db = admin.firestore();
  const { tag, photoIds } = req.body;
  for (const id of photoIds) {
    await db.collection('photos').doc(id).update({ tags: admin.firestore.FieldValue.arrayUnion(tag) });
  }
  res.json({ tagged: photoIds.length });
});
