const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

function countVisit(stats, path) {
  stats[path] = (stats[path] || 0) + 1;
}

const stats = {};

exports.visit = functions.https.onRequest(async (req, res) => {
  countVisit(stats, req.path);
  await admin.firestore().collection('visits').add({ path: req.path, at: Date.now() });
  res.send('ok');
});
