const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.track = functions.https.onRequest((req, res) => {
  const { event, uid } = req.body;
  if (event === 'logout') {
    return admin.auth().revokeRefreshTokens(uid);
  }
  functions.logger.info('tracked', event);
  res.status(204).end();
});
