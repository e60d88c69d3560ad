const functions = require('firebase-functions');

exports.profile = functions.https.onRequest((req, res) => {
  return db.doc(`users/${req.query.id}`).get().then(async (snap) => {
    await db.doc(`stats/${req.query.id}`).update({ views: increment(1) });
    res.json(snap.data());
  }).catch(async function (err) {
    await errors.report(err);
    res.status(500).end();
  });
});
