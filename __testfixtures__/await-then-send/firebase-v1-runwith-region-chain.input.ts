import * as functions from 'firebase-functions/v1';
import * as admin from 'firebase-admin';

admin.initializeApp();

export const rebuildIndex = functions
  .runWith({ timeoutSeconds: 300, memory: '1GB' })
  .region('us-central1')
  .https.onRequest(function (req, res) {
    const batch = admin.firestore().batch();
    for (const id of req.body.ids as string[]) {
      batch.set(admin.firestore().doc(`index/${id}`), { dirty: true }, { merge: true });
    }
    return batch.commit();
  });
