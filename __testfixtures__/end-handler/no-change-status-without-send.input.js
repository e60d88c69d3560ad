const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

functions.http('health', async (req, res) => {
  const snapshot = await firestore.doc('health/database').get();
  if (!snapshot.get('ok')) res.status(503);
});
