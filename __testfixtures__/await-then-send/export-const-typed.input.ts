import type { Request, Response } from 'express';
import { getFirestore } from 'firebase-admin/firestore';

const db = getFirestore();

export const setPreferences = (req: Request, res: Response) => {
  const prefs = { theme: req.body.theme, locale: req.body.locale };
  return db.doc(`prefs/${req.params.uid}`).set(prefs, { merge: true });
};
