const functions = require('firebase-functions');

exports.profile = functions.https.onRequest((req, res) => {
  return db.doc(`users/${req.query.id}`).get().then((snap) => {
    res.json(snap.data());
    db.doc(`stats/${req.query.id}`).update({ views: increment(1) });
  }).catch(function (err) {
    res.status(500).end();
    errors.report(err);
  });
});
