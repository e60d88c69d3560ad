import { onRequest as httpsFunction } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';

export const bumpVersion = httpsFunction({ region: 'europe-west3' }, async function (req, res) {
  await getFirestore().doc('meta/version').set({ version: Number(req.query.v) }, { merge: true });
  res.sendStatus(200);
});
