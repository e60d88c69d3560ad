import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';

export const crlfComments = onRequest(async (req, res) => {
  // leading comment
  if (req.query.a) {
    await getFirestore().doc('x/a').delete(); // trailing comment
    res.sendStatus(200);
    return;
  }
  await getFirestore().doc('x/b').delete(); /* block after */
  res.sendStatus(200);
});
