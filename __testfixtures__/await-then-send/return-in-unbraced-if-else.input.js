const functions = require('firebase-functions');
const { approve, reject } = require('./reviews');

exports.review = functions.https.onRequest((req, res) => {
  if (req.body.approved) return approve(req.body.id);
  else return reject(req.body.id, req.body.reason);
});
