const { onRequest } = require('firebase-functions/https');
const { getFirestore } = require('firebase-admin/firestore');

exports.subscribe = onRequest({ region: 'europe-west1', cors: true }, (req, res) => {
  const email = String(req.body.email).toLowerCase();
  return getFirestore().collection('subscribers').doc(email).set({ email, since: Date.now() });
});
