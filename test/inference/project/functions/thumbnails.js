'use strict';
// Image endpoints: thumbnails, moves between folders, public links.
const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');
const sharp = require('sharp');
const path = require('path');
const os = require('os');
const fs = require('fs');
const { mkdtemp, rm } = require('fs/promises');

const bucket = admin.storage().bucket('acme-images'); // @not-promise

const SIZES = [64, 256, 1024];

async function resizeAll(localPath, dir, name) {
  const outputs = SIZES.map((size) => path.join(dir, `${size}-${name}`)); // @not-promise
  await Promise.all(SIZES.map((size, i) => sharp(localPath).resize(size).toFile(outputs[i]))); // @promise
  return outputs; // @not-promise
}

exports.thumbnails = functions.https.onRequest(async (req, res) => {
  const object = req.query.object; // @not-promise -- a query string value
  const name = path.basename(object); // @not-promise
  const dir = await mkdtemp(path.join(os.tmpdir(), 'thumbs-')); // @promise
  const local = path.join(dir, name); // @not-promise
  await bucket.file(object).download({ destination: local }); // @promise
  const outputs = await resizeAll(local, dir, name); // @promise
  const uploads = outputs.map((file) => bucket.upload(file, { destination: `thumbs/${path.basename(file)}` })); // @not-promise -- an array of promises
  await Promise.all(uploads); // @promise
  await bucket.file(object).setMetadata({ metadata: { thumbnails: 'done' } }); // @promise
  await rm(dir, { recursive: true, force: true }); // @promise
  res.json({ thumbnails: outputs.map((file) => path.basename(file)) }); // @not-promise
});

exports.archive = functions.https.onRequest(async (req, res) => {
  const file = bucket.file(req.body.object); // @not-promise
  const [metadata] = await file.getMetadata(); // @promise
  await file.copy(bucket.file(`backup/${req.body.object}`)); // @promise
  await file.move(`archive/${req.body.object}`); // @promise
  res.json({ size: metadata.size }); // @not-promise
});

exports.publish = functions.https.onRequest(async (req, res) => {
  const file = bucket.file(req.body.object); // @not-promise
  await file.makePublic(); // @promise
  res.json({ url: file.publicUrl() }); // @not-promise
});

exports.preview = functions.https.onRequest((req, res) => {
  const local = path.join(os.tmpdir(), 'preview.png'); // @not-promise
  sharp(req.rawBody) // @not-promise -- toFile with a callback returns the sharp instance
    .resize(320)
    .toFile(local, (err) => {
      if (err) return res.status(400).send('not an image'); // @not-promise
      res.sendFile(local); // @not-promise
    });
});

exports.stream = functions.https.onRequest((req, res) => {
  const file = bucket.file(req.query.object); // @not-promise
  res.set('Content-Type', 'image/jpeg'); // @not-promise
  file.createReadStream().on('error', () => res.status(404).end()).pipe(res); // @not-promise
});

exports.cleanup = functions.https.onRequest(async (req, res) => {
  await bucket.deleteFiles({ prefix: 'tmp/' }); // @promise
  fs.rm(path.join(os.tmpdir(), 'thumbs'), { recursive: true, force: true }, () => {}); // @not-promise
  res.sendStatus(204); // @not-promise
});
