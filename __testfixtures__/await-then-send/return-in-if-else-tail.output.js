const functions = require('firebase-functions');
const { rebuildAll, rebuildOne } = require('./search-index');

exports.reindex = functions.https.onRequest(async (req, res) => {
  if (req.query.all === 'true') {
    await rebuildAll();
    res.sendStatus(200);
  } else {
    await rebuildOne(req.query.id);
    res.sendStatus(200);
  }
});
