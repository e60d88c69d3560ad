import { onRequest } from 'firebase-functions/https';
import { getFirestore } from 'firebase-admin/firestore';

export const maybeWarm = onRequest((req, res) => {
  return req.query.skip === '1' || getFirestore().doc('meta/warm').set({ at: Date.now() });
});
