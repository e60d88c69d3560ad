const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.lookup = functions.https.onRequest((req, res) => {
  const sku = String(req.query.sku);
  db.collection('products').doc(sku).get().then((doc) => {
    res.json(doc.data());
  });
  db.collection('lookups').add({ sku, at: Date.now() });
});
