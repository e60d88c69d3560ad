const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

// A floating chain that responds is await-floating's business, never a place for a second response.
exports.getSettings = functions.https.onRequest((req, res) => {
  db.doc(`settings/${req.query.uid}`)
    .get()
    .then((snapshot) => res.json(snapshot.data() || {}))
    .catch((err) => res.status(500).send(err.message));
});

exports.getBanner = functions.https.onRequest((req, res) => {
  db.doc('banners/current')
    .get()
    .then((snapshot) => {
      if (snapshot.exists) res.json(snapshot.data());
    });
});
