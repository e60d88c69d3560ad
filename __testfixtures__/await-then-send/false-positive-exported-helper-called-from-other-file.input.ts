// Known limitation: an exported (req, res) helper whose only callers live in other files looks like a handler and is rewritten.
import type { Request, Response } from 'express';
import { getFirestore } from 'firebase-admin/firestore';

export function loadAccount(req: Request, res: Response) {
  res.set('Cache-Control', 'private');
  return getFirestore().doc(`accounts/${req.params.id}`).get();
}
