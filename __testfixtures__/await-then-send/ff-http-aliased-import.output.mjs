import { http as registerHttp } from '@google-cloud/functions-framework';
import { BigQuery } from '@google-cloud/bigquery';

const bigquery = new BigQuery();

registerHttp('syncInventory', async function (req, res) {
  const rows = req.body.items.map((item) => ({ sku: item.sku, count: item.count }));
  await bigquery.dataset('shop').table('inventory').insert(rows);
  res.sendStatus(200);
});
