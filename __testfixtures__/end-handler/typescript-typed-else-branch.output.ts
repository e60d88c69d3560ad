import * as functions from 'firebase-functions/v1';
import * as admin from 'firebase-admin';
import type { Request, Response } from 'express';

admin.initializeApp();

export const toggleFeature = functions.https.onRequest(async (req: Request, res: Response): Promise<void> => {
  const flag = admin.firestore().doc(`flags/${String(req.query.name)}`);
  const snapshot = await flag.get();
  if (!snapshot.exists) {
    res.status(404).json({ error: 'unknown flag' });
  } else {
    await flag.update({ enabled: !snapshot.get('enabled') });
    res.sendStatus(200);
  }
});
