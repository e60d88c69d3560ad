const express = require('express');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();
const app = express();
app.use(express.json());

app.post('/batch', async (req, res) => {
  const batch = db.batch();
  for (const item of req.body.items) {
    if (typeof item.sku !== 'string') {
      res.status(400).json({ error: 'every item needs a sku', item });
    }
    batch.set(db.collection('items').doc(String(item.sku)), item);
  }
  await batch.commit();
  res.status(201).json({ count: req.body.items.length });
});

app.listen(8080);
