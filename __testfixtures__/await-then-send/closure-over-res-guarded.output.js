const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.listProducts = functions.https.onRequest(async (req, res) => {
  const reply = (products) => res.set('Cache-Control', 'public, max-age=60').json(products);
  await admin
    .firestore()
    .collection('products')
    .get()
    .then((snapshot) => reply(snapshot.docs.map((doc) => doc.data())));
  if (!res.headersSent) res.sendStatus(200);
});
