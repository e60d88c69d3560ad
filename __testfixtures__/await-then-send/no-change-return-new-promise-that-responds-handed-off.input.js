const functions = require('firebase-functions');
const Busboy = require('busboy');
const admin = require('firebase-admin');

admin.initializeApp();

exports.uploadAvatar = functions.https.onRequest((req, res) => {
  return new Promise((resolve, reject) => {
    const busboy = Busboy({ headers: req.headers });
    busboy.on('file', (name, file) => {
      file.pipe(admin.storage().bucket().file(`avatars/${name}`).createWriteStream());
    });
    busboy.on('finish', () => {
      res.status(201).send('uploaded');
      resolve();
    });
    busboy.on('error', reject);
    busboy.end(req.rawBody);
  });
});
