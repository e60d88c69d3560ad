const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.getInvoice = functions.https.onRequest((req, res) => {
  return admin
    .firestore()
    .doc(`invoices/${req.query.id}`)
    .get()
    .then((doc) => {
      if (!doc.exists) return res.status(404).send('not found');
      return res.json(doc.data());
    })
    .catch((err) => res.status(500).send(err.message));
});
