import { onRequest } from 'firebase-functions/v2/https';
import * as logger from 'firebase-functions/logger';
import { getFirestore } from 'firebase-admin/firestore';

export const archiveOrder = onRequest((req, res) => {
  logger.info('archiving', req.query.id);
  return getFirestore().doc(`orders/${req.query.id}`).update({ archived: true });
});
