const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

router.post('/notes', (req, res, next) => {
  return db.collection('notes').add(req.body).catch(next);
});

module.exports = router;
