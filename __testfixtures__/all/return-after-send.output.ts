import * as ff from '@google-cloud/functions-framework';

ff.http('ingest', async (req: ff.Request, res: ff.Response) => {
  await bigquery.dataset('d').table('t').insert(req.body);
  res.status(202).send('accepted');
});
