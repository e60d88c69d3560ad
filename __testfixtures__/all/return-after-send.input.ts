import * as ff from '@google-cloud/functions-framework';

ff.http('ingest', (req: ff.Request, res: ff.Response) => {
  res.status(202).send('accepted');
  return bigquery.dataset('d').table('t').insert(req.body);
});
