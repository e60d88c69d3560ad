const functions = require('firebase-functions');

exports.handler = functions.https.onRequest((req, res) => {
  load(req.query.id).then((doc) => {
    res.send(doc);
    return helper(req, res);
  });
});
