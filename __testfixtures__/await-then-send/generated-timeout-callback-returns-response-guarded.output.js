const functions = require('firebase-functions');

exports.handler = functions.https.onRequest(async (req, res) => {
  setTimeout(() => {
    return res.status(504).send('timeout');
  }, 5000);
  await save(req.body);
  if (!res.headersSent) res.sendStatus(200);
});
