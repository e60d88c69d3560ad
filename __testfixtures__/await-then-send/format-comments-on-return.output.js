const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.commented = functions.https.onRequest(async (req, res) => {
  if (req.query.mode === 'a') {
    // Persist the audit entry before anything else.
    await admin.firestore().collection('audit').add(req.body); // fire and forget (not really)
    res.sendStatus(200);
    return;
  }
  if (req.query.mode === 'b') {
    /* block comment before */ await /* inside */ admin.firestore().doc('a/b').delete(); /* after */
    res.sendStatus(200);
    return;
  }
  /**
   * JSDoc-style comment on the final return.
   */
  await admin
    // comment inside the chain
    .firestore()
    .doc('a/c')
    .set({ ok: true }); // trailing comment on the last line
  res.sendStatus(200);
});
