const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

functions.http('deleteNote', async (req, res) => {
  if (!req.query.id) {
    res.status(400).send('id is required');
    return;
  }
  if (req.method !== 'DELETE') return res.sendStatus(405);
  await db.doc(`notes/${req.query.id}`).delete();
  res.sendStatus(200);
});
