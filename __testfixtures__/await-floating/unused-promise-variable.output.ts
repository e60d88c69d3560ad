import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
import { initializeApp } from 'firebase-admin/app';
import type { Request } from 'firebase-functions/v2/https';
import type { Response } from 'express';

initializeApp();

export const archiveOrder = onRequest(async (req: Request, res: Response): Promise<void> => {
  const id = String(req.query.id);
  const archived = await getFirestore().collection('archive').doc(id).set({ id, archivedAt: new Date() });
  res.status(200).send({ archived: id });
});
