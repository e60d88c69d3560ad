const admin = require('firebase-admin');

admin.initializeApp();

const revokeSessions = (req, res) => {
  return admin.auth().revokeRefreshTokens(req.body.uid);
};

exports.revokeSessions = revokeSessions;
