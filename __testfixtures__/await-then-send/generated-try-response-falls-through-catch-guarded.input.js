const functions = require('firebase-functions');

exports.handler = functions.https.onRequest((req, res) => {
  try {
    res.status(202).send('accepted');
    return queue.add(req.body);
  } catch (err) {
    console.error(err);
  }
  return handle(req.body);
});
