const { http: route } = require('@google-cloud/functions-framework');
const { Storage } = require('@google-cloud/storage');

const bucket = new Storage().bucket(process.env.EXPORT_BUCKET);

function exportReport(req, res) {
  const name = `reports/${req.query.month}.csv`;
  return bucket.file(name).save(req.body.csv, { contentType: 'text/csv' });
}

route('exportReport', exportReport);
