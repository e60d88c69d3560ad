import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';

export const fireAndForget = onRequest((req, res) => {
  /* sendlast-disable-next-line send-status, await-then-send */
  return getFirestore().collection('beacons').add(req.body);
});

export const notDisabled = onRequest(async (req, res) => {
  // sendlast-disable-next-line
  const ref = getFirestore().collection('beacons').doc();
  await ref.set(req.body);
  res.sendStatus(200);
});
