const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.importContacts = functions.https.onRequest(async (req, res) => {
  const batch = admin.firestore().batch();
  req.body.contacts.forEach((contact) => {
    if (!contact.email) res.status(400).send('every contact needs an email');
    batch.set(admin.firestore().doc(`contacts/${contact.email}`), contact);
  });
  await batch.commit();
});
