const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.likePost = functions.https.onRequest(async (request, response) => {
  const ref = admin.firestore().doc(`posts/${request.body.postId}`);
  if (!request.body.postId) {
    return response.status(400).send('postId is required');
  }
  await ref.update({ likes: admin.firestore.FieldValue.increment(1) });
  response.sendStatus(200);
});
