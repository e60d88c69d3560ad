const admin = require('firebase-admin');

admin.initializeApp();

const revokeSessions = async (req, res) => {
  await admin.auth().revokeRefreshTokens(req.body.uid);
  res.sendStatus(200);
};

exports.revokeSessions = revokeSessions;
