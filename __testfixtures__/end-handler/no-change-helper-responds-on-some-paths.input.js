const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

function rejectBadRequest(req, res) {
  if (!req.body || !req.body.userId) {
    res.status(400).send('userId required');
  }
}

functions.http('touchUser', async (req, res) => {
  rejectBadRequest(req, res);
  await firestore.doc(`users/${req.body.userId}`).update({ seenAt: new Date() });
});
