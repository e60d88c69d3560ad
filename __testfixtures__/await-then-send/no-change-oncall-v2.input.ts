import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';

export const renameList = onCall({ region: 'europe-west1' }, (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'sign in first');
  return getFirestore().doc(`lists/${request.data.id}`).update({ name: request.data.name });
});
