const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

// Records a finished game; the client waits for the answer before showing the leaderboard.
exports.recordScore = functions.https.onRequest(async (req, res) => {
  const { playerId, score } = req.body;
  const player = db.collection('players').doc(playerId);
  await player.collection('scores').add({
    score,
    at: admin.firestore.FieldValue.serverTimestamp(),
  });
  await player.update({ lastScore: score });
});
