const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.moderate = functions.https.onRequest(async (req, res) => {
  const ref = admin.firestore().doc(`posts/${req.body.postId}`);
  switch (req.body.action) {
    case 'hide':
      await ref.update({ hidden: true });
      res.sendStatus(200);
      return;
    case 'delete':
      functions.logger.warn('deleting post', req.body.postId);
      await ref.delete();
      res.sendStatus(200);
      return;
    default:
      res.status(400).send(`unknown action ${req.body.action}`);
  }
});
