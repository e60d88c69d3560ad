const functions = require('firebase-functions');
const { handleUpload } = require('./upload');

exports.upload = functions.https.onRequest(async (req, res) => {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  await handleUpload(req, res);
});
