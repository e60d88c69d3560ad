import { https } from 'firebase-functions/v2';
import { getStorage } from 'firebase-admin/storage';

export const purgeThumbnails = https.onRequest({ timeoutSeconds: 120 }, (req, res) => {
  return getStorage().bucket().deleteFiles({ prefix: `thumbs/${req.query.album}/` });
});
