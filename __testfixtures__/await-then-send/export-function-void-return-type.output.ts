import type { Request, Response } from 'express';
import { Firestore } from '@google-cloud/firestore';

const firestore = new Firestore();

export async function markRead(req: Request, res: Response): Promise<void> {
  await firestore.doc(`inbox/${req.params.id}`).update({ read: true });
  res.sendStatus(200);
}
