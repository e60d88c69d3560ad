const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');
const Busboy = require('busboy');

admin.initializeApp();

exports.upload = functions.https.onRequest((req, res) => {
  const busboy = Busboy({ headers: req.headers });
  const fields = {};
  busboy.on('field', (name, value) => {
    fields[name] = value;
  });
  busboy.on('finish', () => {
    res.status(200).json({ received: Object.keys(fields) });
  });
  admin.firestore().collection('uploads').add({ startedAt: Date.now() });
  busboy.end(req.rawBody);
});
