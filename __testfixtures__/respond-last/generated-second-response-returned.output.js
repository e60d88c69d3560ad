const functions = require('firebase-functions');

exports.handler = functions.https.onRequest((req, res) => {
  res.send('ok');
  return res.status(400).send('bad');
});
