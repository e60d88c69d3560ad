const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

router.get('/projects/:id', async (req, res, next) => {
  await db
    .doc(`projects/${req.params.id}`)
    .get()
    .then((doc) => res.json({ id: doc.id, ...doc.data() }))
    .catch(next);
});

module.exports = router;
