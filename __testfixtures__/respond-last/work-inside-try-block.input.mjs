import { onRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';

export const report = onRequest(async (req, res) => {
  try {
    const rows = await loadRows(req.query.day);
    res.json(rows);
    cache.store(req.query.day, rows);
  } catch (err) {
    res.status(500).send('failed');
    logger.error(err);
    alerting.notify(err);
  }
});
