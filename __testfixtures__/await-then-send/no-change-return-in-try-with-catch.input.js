const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.importContacts = functions.https.onRequest((req, res) => {
  const batch = admin.firestore().batch();
  try {
    for (const contact of req.body.contacts) {
      batch.set(admin.firestore().collection('contacts').doc(), contact);
    }
    if (req.query.dryRun) {
      return Promise.resolve();
    }
    return batch.commit();
  } catch (err) {
    functions.logger.error(err);
    return res.status(400).send('bad contacts payload');
  }
});
