import type { Request, Response } from 'express';
import { onRequest } from 'firebase-functions/v2/https';
import { getAuth, type DecodedIdToken } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';

export function requireUser(req: Request, res: Response): Promise<DecodedIdToken> {
  const token = req.get('authorization')?.replace('Bearer ', '') ?? '';
  res.set('Cache-Control', 'private');
  return getAuth().verifyIdToken(token);
}

export const myOrders = onRequest(async (req, res) => {
  const user = await requireUser(req, res);
  const snapshot = await getFirestore().collection('orders').where('uid', '==', user.uid).get();
  res.json(snapshot.docs.map((doc) => doc.data()));
});
