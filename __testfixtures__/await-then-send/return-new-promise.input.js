const functions = require('@google-cloud/functions-framework');
const { Storage } = require('@google-cloud/storage');

const bucket = new Storage().bucket('exports');

functions.http('writeExport', (req, res) => {
  return new Promise((resolve, reject) => {
    const stream = bucket.file(`exports/${Date.now()}.json`).createWriteStream();
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(JSON.stringify(req.body));
  });
});
