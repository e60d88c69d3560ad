const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

router.use((req, res, next) => {
  if (req.get('x-api-key') === process.env.API_KEY) return next();
  res.status(401).end();
});

router.get('/orders/:id', async (req, res, next) => {
  try {
    const doc = await db.doc(`orders/${req.params.id}`).get();
    if (!doc.exists) return next();
    res.json(doc.data());
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
