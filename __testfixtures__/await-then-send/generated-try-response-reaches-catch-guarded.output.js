const functions = require('firebase-functions');

exports.handler = functions.https.onRequest(async (req, res) => {
  try {
    if (req.query.async) {
      res.status(202).send('accepted');
    }
    return save(req.body);
  } catch (err) {
    await log(err);
    if (!res.headersSent) res.sendStatus(200);
  }
});
