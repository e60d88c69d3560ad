const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

exports.profile = functions.https.onRequest(async (req, res) => {
  const uid = String(req.query.uid);
  try {
    db.collection('profiles').doc(uid).update({ lastSeen: Date.now() });
  } catch (err) {
    // A profile that cannot be read still gets the defaults.
    const defaults = await db.collection('config').doc('profileDefaults').get();
    res.status(200).json(defaults.data());
    return;
  }
  const snapshot = await db.collection('profiles').doc(uid).get();
  res.json(snapshot.data());
});
