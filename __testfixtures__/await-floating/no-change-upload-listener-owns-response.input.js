const functions = require('@google-cloud/functions-framework');
const Busboy = require('busboy');
const os = require('os');
const path = require('path');
const fs = require('fs');

functions.http('uploadFile', (req, res) => {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  const busboy = Busboy({ headers: req.headers });
  const uploads = [];
  busboy.on('file', (field, file, info) => {
    const target = path.join(os.tmpdir(), info.filename);
    uploads.push(target);
    file.pipe(fs.createWriteStream(target));
  });
  busboy.on('finish', () => {
    res.status(200).json({ files: uploads.length });
  });
  busboy.end(req.rawBody);
});
