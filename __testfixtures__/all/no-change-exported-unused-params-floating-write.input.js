const admin = require('firebase-admin');

// Exported with `(req, res)`, but it uses neither and nothing in this file registers it: it may
// be a background job wired elsewhere. Left alone, and reported once: if it is an HTTP function,
// it never responds.
exports.purgeSessions = (req, res) => {
  admin
    .firestore()
    .collection('sessions')
    .where('expiresAt', '<', Date.now())
    .get()
    .then((snap) => Promise.all(snap.docs.map((doc) => doc.ref.delete())));
};
