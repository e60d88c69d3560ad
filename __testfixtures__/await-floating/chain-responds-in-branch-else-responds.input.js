const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

// The lookup responds in `.then` with no rejection path; the `else` answers a bad request on its own.
exports.lookupCity = functions.https.onRequest((req, res) => {
  const zip = String(req.query.zip || '');
  if (/^\d{5}$/.test(zip)) {
    admin
      .database()
      .ref(`/zips/${zip}`)
      .once('value')
      .then((snapshot) => {
        res.json({ zip, city: snapshot.val() });
      });
  } else {
    res.status(400).send('zip must be five digits');
  }
});
