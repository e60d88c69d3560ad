const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

// Adds a message to the Realtime Database and redirects to its location.
exports.addMessage = functions.https.onRequest(async (req, res) => {
  const original = req.query.text;
  await admin.database().ref('/messages').push({ original }).then((snapshot) => {
    res.redirect(303, snapshot.ref.toString());
  });
});
