// Express routes that end the request from a promise chain on both paths: the success callback
// responds or passes an error to `next`, the rejection handler passes one on. Nothing is missing
// at the end of the handler.
const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

function createError(status, message = 'request failed') {
  return Object.assign(new Error(message), { status });
}

router.get('/users/:id', (req, res, next) => {
  db.doc(`users/${req.params.id}`)
    .get()
    .then((doc) => {
      if (!doc.exists) return next(createError(404, 'no such user'));
      return res.json({ id: doc.id, ...doc.data() });
    })
    .catch(() => next(createError(500)));
});

router.delete('/users/:id', (req, res, next) => {
  db.doc(`users/${req.params.id}`)
    .delete()
    .then(() => res.sendStatus(204), next);
});

// Only when the document exists does the success callback respond: the other path falls off.
router.get('/profiles/:id', (req, res, next) => {
  db.doc(`profiles/${req.params.id}`)
    .get()
    .then((doc) => {
      if (doc.exists) res.json(doc.data());
    })
    .catch(next);
});

// A success callback that returns another chain ending the request on both paths ends it too.
router.post('/login', (req, res, next) => {
  db.doc(`accounts/${req.body.username}`)
    .get()
    .then((account) => {
      if (!account.exists) return next(createError(403, 'incorrect username or password'));
      return verifyPassword(req.body.password, account.get('hash'))
        .then((valid) => {
          if (!valid) return next(createError(403, 'incorrect username or password'));
          return res.json({ username: account.id });
        })
        .catch(() => next(createError(500)));
    })
    .catch(() => next(createError(500)));
});

async function verifyPassword(password, hash) {
  return password.length > 0 && hash === `hashed:${password}`;
}

module.exports = router;
