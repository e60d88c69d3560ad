const functions = require('firebase-functions');

exports.handler = functions.https.onRequest((req, res) => {
  load(req.query.id).then((doc) => {
    res.json(doc);
    return audit(doc);
  });
  return save(req.body);
});
