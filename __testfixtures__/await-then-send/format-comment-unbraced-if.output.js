const functions = require('firebase-functions');
const { purge } = require('./cdn');

exports.purge = functions.https.onRequest(async (req, res) => {
  if (req.query.all) {
    await purge('*'); // purge everything
    res.sendStatus(200);
    return;
  }
  if (req.query.path) /* one path */ {
    await purge(req.query.path);
    res.sendStatus(200);
    return;
  }
  res.status(400).send('nothing to purge');
});
