const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

router
  .route('/tags/:tag')
  .put((req, res) => {
    return db.doc(`tags/${req.params.tag}`).set({ color: req.body.color });
  })
  .delete((req, res) => {
    return db.doc(`tags/${req.params.tag}`).delete();
  });

module.exports = router;
