const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const app = express();
app.use(express.json());

app.post('/feedback', async (req, res) => {
  const { rating, comment } = req.body;
  await db.collection('feedback').add({ rating: Number(rating), comment: String(comment || '') });
  res.status(201).send('thanks');
});

module.exports = app;
