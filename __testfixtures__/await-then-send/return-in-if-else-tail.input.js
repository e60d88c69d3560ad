const functions = require('firebase-functions');
const { rebuildAll, rebuildOne } = require('./search-index');

exports.reindex = functions.https.onRequest((req, res) => {
  if (req.query.all === 'true') {
    return rebuildAll();
  } else {
    return rebuildOne(req.query.id);
  }
});
