const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.importContacts = functions.https.onRequest(async (req, res) => {
  const batch = admin.firestore().batch();
  try {
    for (const contact of req.body.contacts) {
      batch.set(admin.firestore().collection('contacts').doc(), contact);
    }
    if (req.query.dryRun) {
      await Promise.resolve();
      res.sendStatus(200);
      return;
    }
    await batch.commit();
    res.sendStatus(200);
  } catch (err) {
    functions.logger.error(err);
    return res.status(400).send('bad contacts payload');
  }
});
