const functions = require('firebase-functions');
const admin = require('firebase-admin');

const db = admin.firestore();

// A stray `;` after a block or a doubled `;` is an empty statement: it stays where its statement
// goes, instead of being left behind on a line of its own.
exports.purgeLogs = functions.https.onRequest(async (req, res) => {
  try {
    const old = await db.collection('logs').where('at', '<', Date.now() - 864e5).get();
    await Promise.all(old.docs.map((doc) => doc.ref.delete()));
  } catch (err) {
    console.error('purge failed', err);
  };
  res.status(202).send('purging');
});

exports.touch = functions.https.onRequest(async (req, res) => {
  await db.doc(`sessions/${req.query.id}`).update({ seenAt: Date.now() });
  res.send('ok');;
});
