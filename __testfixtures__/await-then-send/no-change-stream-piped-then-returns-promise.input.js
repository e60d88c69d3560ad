const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.downloadReport = functions.https.onRequest((req, res) => {
  const file = admin.storage().bucket().file(`reports/${req.query.id}.csv`);
  const readStream = file.createReadStream();
  res.set('Content-Type', 'text/csv');
  readStream.pipe(res);
  return new Promise((resolve, reject) => {
    readStream.on('end', resolve);
    readStream.on('error', reject);
  });
});
