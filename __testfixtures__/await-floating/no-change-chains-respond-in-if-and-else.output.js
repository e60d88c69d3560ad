// An Express route that answers from one of two promise chains, picked by an if/else: each chain
// responds on both of its paths and only one of them runs, so the request always ends.
const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const router = express.Router();

router.get('/products', function (req, res) {
  if (req.query.category) {
    db.collection('products')
      .where('category', '==', req.query.category)
      .get()
      .then((snap) => res.json(snap.docs.map((d) => d.data())))
      .catch((err) => res.status(500).json({ error: err.message }));
  } else if (req.query.ids) {
    db.getAll(...req.query.ids.split(',').map((id) => db.doc(`products/${id}`)))
      .then((docs) => res.json(docs.map((d) => d.data())))
      .catch((err) => res.status(500).json({ error: err.message }));
  } else {
    db.collection('products')
      .limit(50)
      .get()
      .then((snap) => res.json(snap.docs.map((d) => d.data())))
      .catch((err) => res.status(404).json({ error: err.message }));
  }
});

module.exports = router;
