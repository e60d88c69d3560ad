const functions = require('firebase-functions');

exports.hook = functions.https.onRequest(async (req, res) => {
  // store the event for later
  await events.save(req.body);
  res.sendStatus(200);
});
