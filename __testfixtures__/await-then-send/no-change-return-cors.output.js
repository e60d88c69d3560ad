const functions = require('firebase-functions');
const admin = require('firebase-admin');
const cors = require('cors')({ origin: true });

admin.initializeApp();

exports.addComment = functions.https.onRequest((req, res) => {
  return cors(req, res, () => {
    return admin
      .firestore()
      .collection('comments')
      .add(req.body)
      .then((ref) => res.status(201).json({ id: ref.id }));
  });
});
