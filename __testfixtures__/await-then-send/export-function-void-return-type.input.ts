import type { Request, Response } from 'express';
import { Firestore } from '@google-cloud/firestore';

const firestore = new Firestore();

export function markRead(req: Request, res: Response): void {
  return firestore.doc(`inbox/${req.params.id}`).update({ read: true });
}
