const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.commented = functions.https.onRequest((req, res) => {
  if (req.query.mode === 'a') {
    // Persist the audit entry before anything else.
    return admin.firestore().collection('audit').add(req.body); // fire and forget (not really)
  }
  if (req.query.mode === 'b') {
    /* block comment before */ return /* inside */ admin.firestore().doc('a/b').delete(); /* after */
  }
  /**
   * JSDoc-style comment on the final return.
   */
  return admin
    // comment inside the chain
    .firestore()
    .doc('a/c')
    .set({ ok: true }); // trailing comment on the last line
});
