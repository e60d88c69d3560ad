import { onRequest } from 'firebase-functions/https';
import { getFirestore } from 'firebase-admin/firestore';

export const maybeWarm = onRequest(async (req, res) => {
  await (req.query.skip === '1' || getFirestore().doc('meta/warm').set({ at: Date.now() }));
  res.sendStatus(200);
});
