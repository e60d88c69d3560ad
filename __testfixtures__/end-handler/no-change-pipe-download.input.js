const functions = require('@google-cloud/functions-framework');
const { Storage } = require('@google-cloud/storage');

const bucket = new Storage().bucket('acme-exports');

functions.http('downloadExport', async (req, res) => {
  const file = bucket.file(`exports/${req.query.name}.csv`);
  const [exists] = await file.exists();
  if (!exists) {
    res.status(404).send('no such export');
    return;
  }
  res.set('Content-Type', 'text/csv');
  file.createReadStream().pipe(res);
});
