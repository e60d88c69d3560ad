const { onRequest } = require('./lambda-adapter');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

// A home-grown onRequest from a local module, not firebase-functions: its handler's return value is the response.
module.exports.api = onRequest((req, res) => {
  return db.collection('events').add(req.body).then((ref) => ({ statusCode: 201, body: ref.id }));
});
