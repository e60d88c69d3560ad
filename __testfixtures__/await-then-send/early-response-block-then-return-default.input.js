const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('deleteNote', (req, res) => {
  if (!req.query.id) {
    res.status(400).send('id is required');
    return;
  }
  if (req.method !== 'DELETE') return res.sendStatus(405);
  return db.doc(`notes/${req.query.id}`).delete();
});
