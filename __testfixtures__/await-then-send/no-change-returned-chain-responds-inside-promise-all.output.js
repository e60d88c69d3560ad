// A search route whose returned chain responds inside Promise.all: the callback sends the
// response on every path, so awaiting the chain and adding a guarded response would add only a
// line that never runs.
const express = require('express');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();
const router = express.Router();

router.post('/search', (req, res) => {
  const { tag, limit = 20 } = req.body;
  if (typeof tag !== 'string') {
    return res.status(400).json({ error: 'tag must be a string' });
  }
  return db
    .collection('products')
    .where('tags', 'array-contains', tag)
    .limit(limit)
    .get()
    .then((snap) => Promise.all([Promise.resolve(res.json(snap.docs.map((d) => d.data()))), Promise.resolve(snap.size)]));
});

module.exports = router;
