const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.lookupUser = functions.https.onRequest((request, response) => {
  return new Promise((resolve) => {
    admin.auth().getUserByEmail(request.query.email).then((user) => {
      response.status(200).json({ uid: user.uid });
      resolve();
    }, (error) => {
      response.status(404).json({ error: error.message });
      resolve();
    });
  });
});
