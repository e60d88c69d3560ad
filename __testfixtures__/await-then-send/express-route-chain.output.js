const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

router
  .route('/tags/:tag')
  .put(async (req, res) => {
    await db.doc(`tags/${req.params.tag}`).set({ color: req.body.color });
    res.sendStatus(200);
  })
  .delete(async (req, res) => {
    await db.doc(`tags/${req.params.tag}`).delete();
    res.sendStatus(200);
  });

module.exports = router;
