const functions = require('firebase-functions');

exports.handler = functions.https.onRequest((req, res) => {
  try {
    if (req.query.async) {
      res.status(202).send('accepted');
    }
    return save(req.body);
  } catch (err) {
    return log(err);
  }
});
