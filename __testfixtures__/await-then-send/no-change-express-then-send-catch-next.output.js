const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

router.get('/projects/:id', (req, res, next) => {
  return db
    .doc(`projects/${req.params.id}`)
    .get()
    .then((doc) => res.json({ id: doc.id, ...doc.data() }))
    .catch(next);
});

module.exports = router;
