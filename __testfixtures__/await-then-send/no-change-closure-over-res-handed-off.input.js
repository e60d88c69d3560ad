const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.listProducts = functions.https.onRequest((req, res) => {
  const reply = (products) => res.set('Cache-Control', 'public, max-age=60').json(products);
  return admin
    .firestore()
    .collection('products')
    .get()
    .then((snapshot) => reply(snapshot.docs.map((doc) => doc.data())));
});
