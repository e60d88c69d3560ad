const { Router } = require('express');
const { BigQuery } = require('@google-cloud/bigquery');

const bigquery = new BigQuery();
const router = Router();

router.post('/events', (req, res) => {
  return bigquery.dataset('analytics').table('events').insert(req.body.events);
});

module.exports = router;
