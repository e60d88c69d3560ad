const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

// The `.catch` callback names its error `res`: the 404 is sent on the error, which throws, and the
// client waits until the timeout.
exports.userProfile = functions.https.onRequest((req, res) => {
  return admin
    .auth()
    .getUser(req.query.uid)
    .then((user) => res.json({ uid: user.uid, name: user.displayName }))
    .catch((res) => res.status(404).send('no such user'));
});

// `res` in `.then` is the fetched response here: not the bug above.
exports.weather = functions.https.onRequest((req, res) => {
  return fetch(`https://api.example.com/weather?city=${req.query.city}`)
    .then((res) => res.json())
    .then((body) => res.json(body))
    .catch((err) => res.status(502).send(err.message));
});
