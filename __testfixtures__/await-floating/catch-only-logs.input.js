const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

exports.latestScores = functions.https.onRequest((req, res) => {
  admin
    .database()
    .ref('/scores')
    .orderByChild('points')
    .limitToLast(10)
    .once('value')
    .then((snapshot) => {
      res.json(snapshot.val());
    })
    .catch((error) => console.error('could not read scores', error));
});
