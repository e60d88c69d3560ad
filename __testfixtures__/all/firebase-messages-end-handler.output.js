const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const messages = admin.firestore().collection('messages');
const WEEK = 7 * 24 * 60 * 60 * 1000;

exports.addMessage = functions.https.onRequest(async (req, res) => {
  const text = req.query.text;
  if (!text) {
    res.status(400).send('text required');
    return;
  }
  const ref = await messages.add({ text, createdAt: Date.now() });
  res.json({ id: ref.id });
  functions.logger.info('added message', ref.id);
});

exports.archiveMessages = functions.https.onRequest(async (req, res) => {
  if (req.query.id) {
    await messages.doc(req.query.id).update({ archived: true });
    res.sendStatus(200);
    return;
  }
  const stale = await messages.where('createdAt', '<', Date.now() - WEEK).get();
  await Promise.all(stale.docs.map((doc) => doc.ref.update({ archived: true })));
  res.sendStatus(200);
});
