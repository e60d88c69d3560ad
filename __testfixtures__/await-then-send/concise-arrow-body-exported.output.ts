import type { Request, Response } from 'express';
import { getFirestore } from 'firebase-admin/firestore';

export const ping = async (req: Request, res: Response) => {
  await getFirestore().doc(`presence/${req.query.uid}`).set({ online: true });
  res.sendStatus(200);
};
