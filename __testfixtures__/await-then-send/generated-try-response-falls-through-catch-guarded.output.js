const functions = require('firebase-functions');

exports.handler = functions.https.onRequest(async (req, res) => {
  try {
    res.status(202).send('accepted');
    return queue.add(req.body);
  } catch (err) {
    console.error(err);
  }
  await handle(req.body);
  if (!res.headersSent) res.sendStatus(200);
});
