const functions = require('firebase-functions/v1');
const analytics = require('./vendor/analytics-client');

exports.signup = functions.https.onRequest((req, res) => {
  const { email, plan } = req.body;
  analytics.track('signup', { email, plan });
  res.status(201).send({ email });
});
