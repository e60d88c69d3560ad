const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.saveDraft = functions.https.onRequest((req, res) => {
  return admin
    .firestore()
    .collection('drafts')
    .add(req.body)
    .catch((err) => {
      functions.logger.error(err);
      res.status(500).send('could not save');
    });
});
