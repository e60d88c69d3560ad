const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const app = express();
app.use(express.json());

app.post('/import', async (req, res) => {
  const rows = req.body.rows;
  await Promise.all(rows.map(async (row) => {
    await db.collection('rows').doc(String(row.id)).set(row, { merge: true });
  }));
  res.sendStatus(201);
});

module.exports = { app };
