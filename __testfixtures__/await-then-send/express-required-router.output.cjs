const { Router } = require('express');
const { BigQuery } = require('@google-cloud/bigquery');

const bigquery = new BigQuery();
const router = Router();

router.post('/events', async (req, res) => {
  await bigquery.dataset('analytics').table('events').insert(req.body.events);
  res.sendStatus(200);
});

module.exports = router;
