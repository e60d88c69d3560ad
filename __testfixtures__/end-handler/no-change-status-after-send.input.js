// A notes API whose routes set the status after sending (`res.send(x).status(201)`): the status
// call comes too late to change anything, but the send has answered. Every path responds.
const express = require('express');
const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();
const db = admin.firestore();
const app = express();
app.use(express.json());

app.post('/notes', async (req, res) => {
  console.log('new note', req.body.title);
  await db.collection('notes').add({ title: req.body.title, at: Date.now() });
  res.send('note stored').status(201);
});

app.delete('/notes/:id', async (req, res) => {
  if (!req.params.id) {
    res.json({ error: 'missing id' }).status(400);
    return;
  }
  await db.doc(`notes/${req.params.id}`).delete();
  res.json({ deleted: req.params.id }).status(200);
});

exports.notes = functions.https.onRequest(app);
