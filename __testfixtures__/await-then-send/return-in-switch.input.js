const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.moderate = functions.https.onRequest((req, res) => {
  const ref = admin.firestore().doc(`posts/${req.body.postId}`);
  switch (req.body.action) {
    case 'hide':
      return ref.update({ hidden: true });
    case 'delete':
      functions.logger.warn('deleting post', req.body.postId);
      return ref.delete();
    default:
      res.status(400).send(`unknown action ${req.body.action}`);
  }
});
