const functions = require('firebase-functions');

exports.handler = functions.https.onRequest(async (req, res) => {
  load(req.query.id).then((doc) => {
    res.json(doc);
    return audit(doc);
  });
  await save(req.body);
  if (!res.headersSent) res.sendStatus(200);
});
