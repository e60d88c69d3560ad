const functions = require('firebase-functions');
const Busboy = require('busboy');
const { parse } = require('csv-parse');

exports.importCsv = functions.https.onRequest((req, res) => {
  const busboy = Busboy({ headers: req.headers });
  const rows = [];
  busboy.on('file', (field, file) => {
    file.pipe(parse({ columns: true })).on('data', (row) => rows.push(row));
  });
  busboy.on('finish', () => {
    res.status(201).json({ imported: rows.length });
  });
  return busboy.end(req.rawBody);
});
