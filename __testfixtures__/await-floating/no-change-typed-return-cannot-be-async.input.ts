import express, { type Request, type Response } from 'express';
import { Firestore } from '@google-cloud/firestore';

const db = new Firestore();
export const app = express();
app.use(express.json());

app.post('/events', (req: Request, res: Response): Response => {
  db.collection('events').add({ ...req.body, receivedAt: Date.now() });
  return res.status(202).json({ accepted: true });
});
