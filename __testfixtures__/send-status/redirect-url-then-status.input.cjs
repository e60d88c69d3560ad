const functions = require('firebase-functions');

exports.old = functions.https.onRequest((req, res) => {
  res.redirect('https://example.com/new' + req.path, 301);
});

exports.fine = functions.https.onRequest((req, res) => {
  res.redirect(302, '/login');
});
