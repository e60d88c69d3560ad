import type { Request, Response } from 'express';
import { getFirestore } from 'firebase-admin/firestore';

const db = getFirestore();

export const setPreferences = async (req: Request, res: Response) => {
  const prefs = { theme: req.body.theme, locale: req.body.locale };
  await db.doc(`prefs/${req.params.uid}`).set(prefs, { merge: true });
  res.sendStatus(200);
};
