import type { Request, Response } from 'express';
import { getFirestore } from 'firebase-admin/firestore';

export const ping = (req: Request, res: Response) =>
  getFirestore().doc(`presence/${req.query.uid}`).set({ online: true });
