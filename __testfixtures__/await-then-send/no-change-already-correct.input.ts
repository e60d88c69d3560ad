import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
import express, { type Request, type Response } from 'express';

const db = getFirestore();
const app = express();

export const createNote = onRequest(async (req, res) => {
  const ref = await db.collection('notes').add({ text: req.body.text });
  res.status(201).json({ id: ref.id });
});

app.get('/notes/:id', async (req: Request, res: Response) => {
  const doc = await db.doc(`notes/${req.params.id}`).get();
  if (!doc.exists) {
    res.sendStatus(404);
    return;
  }
  res.json(doc.data());
});

export const api = onRequest(app);
