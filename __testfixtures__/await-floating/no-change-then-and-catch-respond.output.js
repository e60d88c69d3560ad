const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');

admin.initializeApp();

exports.whoami = functions.https.onRequest((req, res) => {
  const token = (req.get('Authorization') || '').replace('Bearer ', '');
  admin
    .auth()
    .verifyIdToken(token)
    .then((decoded) => {
      res.json({ uid: decoded.uid });
    })
    .catch((error) => {
      console.error('token rejected', error);
      res.status(401).send('Unauthorized');
    });
});
