import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';

export const crlfComments = onRequest((req, res) => {
  // leading comment
  if (req.query.a) return getFirestore().doc('x/a').delete(); // trailing comment
  return getFirestore().doc('x/b').delete(); /* block after */
});
