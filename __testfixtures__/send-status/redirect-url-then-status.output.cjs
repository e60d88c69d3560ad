const functions = require('firebase-functions');

exports.old = functions.https.onRequest((req, res) => {
  res.redirect(301, 'https://example.com/new' + req.path);
});

exports.fine = functions.https.onRequest((req, res) => {
  res.redirect(302, '/login');
});
