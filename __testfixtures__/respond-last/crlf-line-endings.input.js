const functions = require('firebase-functions');

exports.hook = functions.https.onRequest((req, res) => {
  res.sendStatus(200);
  // store the event for later
  events.save(req.body);
});
