const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

exports.likePost = functions.https.onRequest((req, res) => {
  const ref = admin.firestore().collection('posts').doc(req.body.postId);
  ref.update({ likes: admin.firestore.FieldValue.increment(1) }).catch((error) => {
    res.status(500).send(error.message);
  });
  res.status(202).send('liked');
});
