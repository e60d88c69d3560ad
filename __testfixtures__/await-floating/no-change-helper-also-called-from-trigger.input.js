const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();

function touchUser(uid) {
  db.collection('users').doc(uid).set({ lastSeen: Date.now() }, { merge: true });
  return uid;
}

exports.ping = functions.https.onRequest((req, res) => {
  touchUser(req.query.uid);
  res.send('pong');
});

exports.onLogin = functions.auth.user().onCreate((user) => {
  const uid = touchUser(user.uid);
  return db.collection('audit').add({ uid, event: 'created' });
});
