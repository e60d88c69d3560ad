// A standalone server that also exports its app (for supertest). An exported app counts as
// reachable from a function registration in another file (`onRequest(app)` in index.ts), so even
// with --platform server its work after the response moves before it.
import express, { type Request, type Response } from 'express';
import { Firestore } from '@google-cloud/firestore';

const db = new Firestore();
export const app = express();

app.use(express.json());

app.post('/events', async (req: Request, res: Response) => {
  await db.collection('events').add({ ...req.body, receivedAt: new Date().toISOString() });
  res.sendStatus(202);
});

if (process.env.NODE_ENV !== 'test') {
  app.listen(Number(process.env.PORT) || 8080);
}
