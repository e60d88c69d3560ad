const functions = require('firebase-functions');

exports.handler = functions.https.onRequest((req, res) => {
  setTimeout(() => {
    return res.status(504).send('timeout');
  }, 5000);
  return save(req.body);
});
