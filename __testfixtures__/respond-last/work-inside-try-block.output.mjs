import { onRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions';

export const report = onRequest(async (req, res) => {
  try {
    const rows = await loadRows(req.query.day);
    await cache.store(req.query.day, rows);
    res.json(rows);
  } catch (err) {
    logger.error(err);
    await alerting.notify(err);
    res.status(500).send('failed');
  }
});
