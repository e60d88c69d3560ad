const functions = require('firebase-functions');
const { handleUpload } = require('./upload');

exports.upload = functions.https.onRequest((req, res) => {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  return handleUpload(req, res);
});
