const functions = require('firebase-functions');

exports.noop = functions.https.onRequest((req, res) => {
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  if (req.method === 'HEAD') {
    res.end();
    return null;
  }
  if (req.query.dry) {
    res.send('dry run');
    return undefined;
  }
  if (req.query.quiet) {
    res.sendStatus(202);
    return false;
  }
  res.send('done');
  return res;
});
