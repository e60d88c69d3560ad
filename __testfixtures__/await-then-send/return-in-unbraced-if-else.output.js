const functions = require('firebase-functions');
const { approve, reject } = require('./reviews');

exports.review = functions.https.onRequest(async (req, res) => {
  if (req.body.approved) {
    await approve(req.body.id);
    res.sendStatus(200);
  }
  else {
    await reject(req.body.id, req.body.reason);
    res.sendStatus(200);
  }
});
