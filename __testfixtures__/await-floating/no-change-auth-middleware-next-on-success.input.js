const admin = require('firebase-admin');

// Express middleware: on success the chain passes control on with next(), on failure it answers
// 403. Both paths end the request, so there is nothing to await and nothing to report.
module.exports = function authenticate(req, res, next) {
  const header = req.headers.authorization || '';
  if (!header.startsWith('Bearer ')) {
    res.status(401).json({ error: 'missing token' });
    return;
  }
  admin
    .auth()
    .verifyIdToken(header.slice(7))
    .then((decoded) => {
      req.user = decoded;
      return next();
    })
    .catch((err) => res.status(403).json({ error: err.message }));
};
