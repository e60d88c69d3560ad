const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.like = functions.https.onRequest((request, response) => {
  const ref = admin.database().ref(`/likes/${request.query.post}`);
  if (!request.query.post) {
    res.status(400).send('post is required');
  }
  return ref.transaction((count) => (count || 0) + 1);
});
