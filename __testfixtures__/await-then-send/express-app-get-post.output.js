const express = require('express');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();
const app = express();
app.use(express.json());

app.get('/todos', (req, res) => {
  return db.collection('todos').get().then((snapshot) => {
    res.json(snapshot.docs.map((doc) => ({ id: doc.id, ...doc.data() })));
  });
});

app.post('/todos/:id/done', async function (req, res) {
  await db.collection('todos').doc(req.params.id).update({ done: true });
  res.sendStatus(200);
});

module.exports = app;
