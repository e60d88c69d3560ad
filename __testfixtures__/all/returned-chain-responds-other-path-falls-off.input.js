const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

// GET returns a chain that sends the profile; any other method falls off the end with no response.
exports.profile = functions.https.onRequest((req, res) => {
  if (req.method === 'GET') {
    return admin
      .firestore()
      .doc(`profiles/${req.query.uid}`)
      .get()
      .then((snap) => {
        res.json(snap.data());
      });
  }
  console.warn('profile: unsupported method', req.method);
});
