const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.createItem = functions.https.onRequest(async (req, res) => {
  if (!req.body.name) {
    return res.status(400).send('name is required');
  }
  if (req.body.name.length > 100) return res.status(400).json({ error: 'name too long' });
  const ref = await admin.firestore().collection('items').add({ name: req.body.name });
  res.status(201).json({ id: ref.id });
});
