const express = require('express');
const admin = require('firebase-admin');

const app = express();

// Verifies the Firebase ID token, then hands the request on with next().
app.use((req, res, next) => {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  return admin
    .auth()
    .verifyIdToken(token)
    .then((decoded) => {
      req.user = decoded;
      next();
    })
    .catch(next);
});

app.get('/me', (req, res) => res.json(req.user));

module.exports = app;
