const { http: route } = require('@google-cloud/functions-framework');
const { Storage } = require('@google-cloud/storage');

const bucket = new Storage().bucket(process.env.EXPORT_BUCKET);

async function exportReport(req, res) {
  const name = `reports/${req.query.month}.csv`;
  await bucket.file(name).save(req.body.csv, { contentType: 'text/csv' });
  res.sendStatus(200);
}

route('exportReport', exportReport);
