const functions = require('firebase-functions');
const { purge } = require('./cdn');

exports.purge = functions.https.onRequest((req, res) => {
  if (req.query.all) return purge('*'); // purge everything
  if (req.query.path) /* one path */ return purge(req.query.path);
  res.status(400).send('nothing to purge');
});
