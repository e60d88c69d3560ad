const functions = require('firebase-functions');

function logVisit(path) {
  console.log('visit', path);
}

exports.track = functions.https.onRequest((req, res) => {
  return logVisit(req.path);
});
