const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.download = functions.https.onRequest((req, res) => {
  const file = admin.storage().bucket().file(`reports/${req.query.name}`);
  res.set('Content-Type', 'application/pdf');
  return file.createReadStream().pipe(res);
});
