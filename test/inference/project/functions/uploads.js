'use strict';
// Multipart uploads: files go to Cloud Storage, fields to Firestore.
const functions = require('firebase-functions/v1');
const Busboy = require('busboy');
const os = require('os');
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const { pipeline } = require('stream/promises');
const { once } = require('events');
const { saveUpload, uploadStream } = require('./lib/storage');
const { db } = require('./lib/db');

const MAX_BYTES = 10 * 1024 * 1024;

function uploadId() {
  return crypto.randomBytes(12).toString('hex'); // @not-promise
}

exports.upload = functions.https.onRequest((req, res) => {
  if (req.method !== 'POST') {
    return res.status(405).send('Method Not Allowed'); // @not-promise
  }
  const busboy = Busboy({ headers: req.headers, limits: { fileSize: MAX_BYTES } }); // @not-promise
  const fields = {};
  const writes = [];

  busboy.on('field', (name, value) => { // @not-promise
    fields[name] = value;
  });

  busboy.on('file', (name, stream, info) => { // @not-promise
    const tmp = path.join(os.tmpdir(), `${uploadId()}-${info.filename}`); // @not-promise
    const out = fs.createWriteStream(tmp); // @not-promise
    stream.pipe(out); // @not-promise
    const done = new Promise((resolve, reject) => { // @promise
      stream.on('limit', () => reject(new Error('file too large'))); // @not-promise
      out.on('finish', resolve); // @not-promise
      out.on('error', reject); // @not-promise
    });
    writes.push(done.then(() => ({ name, tmp, mimeType: info.mimeType }))); // @not-promise -- Array.push returns the length
  });

  busboy.on('finish', async () => { // @not-promise
    try {
      const files = await Promise.all(writes); // @promise
      for (const file of files) {
        const buffer = await fs.promises.readFile(file.tmp); // @promise
        await saveUpload(path.basename(file.tmp), buffer, file.mimeType); // @promise
        fs.unlinkSync(file.tmp); // @not-promise
      }
      await db.collection('uploads').add({ fields, files: files.map((f) => f.name) }); // @promise
      res.status(201).json({ files: files.length }); // @not-promise
    } catch (err) {
      res.status(400).send(err.message); // @not-promise
    }
  });

  busboy.end(req.rawBody); // @not-promise
});

// Streams the request straight into a Storage object.
exports.rawUpload = functions.https.onRequest(async (req, res) => {
  const objectName = `raw/${uploadId()}`; // @not-promise
  const sink = uploadStream(objectName, req.get('content-type')); // @not-promise
  await pipeline(req, sink); // @promise
  res.status(201).json({ objectName }); // @not-promise
});

exports.rawUploadEvents = functions.https.onRequest(async (req, res) => {
  const sink = uploadStream(`raw/${uploadId()}`, 'application/octet-stream'); // @not-promise
  req.pipe(sink); // @not-promise
  await once(sink, 'finish'); // @promise
  res.sendStatus(201); // @not-promise
});
