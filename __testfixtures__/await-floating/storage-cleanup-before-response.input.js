const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const bucket = admin.storage().bucket();

// Deletes an uploaded avatar and its thumbnail.
exports.deleteAvatar = functions.https.onRequest(async (req, res) => {
  const uid = String(req.query.uid);
  bucket.file(`avatars/${uid}.png`).delete();
  bucket.file(`avatars/thumbs/${uid}.png`).delete({ ignoreNotFound: true });
  res.status(204).end();
});
