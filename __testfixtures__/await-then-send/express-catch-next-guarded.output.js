const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

router.post('/notes', async (req, res, next) => {
  await db.collection('notes').add(req.body).catch(next);
  if (!res.headersSent) res.sendStatus(200);
});

module.exports = router;
