const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.track = functions.https.onRequest(async (req, res) => {
  const { event, uid } = req.body;
  if (event === 'logout') {
    await admin.auth().revokeRefreshTokens(uid);
    res.sendStatus(200);
    return;
  }
  functions.logger.info('tracked', event);
  res.status(204).end();
});
