const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

// A webhook that acknowledges at once: the dedupe chain answers on both of its paths too, so those
// answers are second responses, and its write runs after the acknowledgement.
exports.deliveryWebhook = functions.https.onRequest((req, res) => {
  const seen = admin.firestore().collection('deliveries').doc(req.body.eventId);
  seen
    .get()
    .then((snap) => {
      if (snap.exists) return res.status(200).send('duplicate');
      return seen.set({ receivedAt: Date.now(), payload: req.body });
    })
    .catch((err) => res.status(500).send(err.message));
  return res.status(200).send('ok');
});
