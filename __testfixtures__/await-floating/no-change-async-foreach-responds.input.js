const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.checkInvites = functions.https.onRequest((req, res) => {
  const codes = req.body.codes;
  codes.forEach(async (code) => {
    const invite = await db.collection('invites').doc(code).get();
    if (!invite.exists) {
      res.status(404).send(`unknown invite ${code}`);
    }
  });
  res.status(200).send('checked');
});
