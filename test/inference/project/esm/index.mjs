// Cloud Run functions (Functions Framework), ES modules.
import functions from '@google-cloud/functions-framework';
import { Storage } from '@google-cloud/storage';
import { readFile, writeFile, unlink } from 'fs/promises';
import { setTimeout as wait } from 'timers/promises';
import { promisify } from 'util';
import { execFile } from 'child_process';
import { tmpdir } from 'os';
import { join } from 'path';
import respondJson, { fetchJson, postJson, saveEvent, eventRef, publishEvent, slugify, isoNow, RateLimiter, firestore } from './util.mjs';

const storage = new Storage(); // @not-promise
const reports = storage.bucket('acme-reports'); // @not-promise
const run = promisify(execFile); // @not-promise
const limiter = new RateLimiter(60); // @not-promise

functions.http('health', (req, res) => { // @not-promise
  res.status(200).send('ok'); // @not-promise
});

functions.http('ingest', async (req, res) => { // @not-promise
  if (!limiter.allow(req.ip)) {
    return res.status(429).send('Too Many Requests'); // @not-promise
  }
  const id = await saveEvent(req.body); // @promise
  await publishEvent('events', { id, type: req.body.type }); // @promise
  const ref = eventRef(id); // @not-promise
  res.status(202).json({ id, path: ref.path }); // @not-promise
});

functions.http('rates', async (req, res) => { // @not-promise
  const [ecb, backup] = await Promise.all([ // @promise
    fetchJson('https://rates.acme.test/ecb.json'),
    fetchJson('https://rates.acme.test/backup.json').catch(() => null),
  ]);
  await limiter.persist(); // @promise
  respondJson(res, 200, { ecb, backup, at: isoNow() }); // @not-promise
});

functions.http('forward', async (req, res) => { // @not-promise
  const result = await postJson('https://hooks.partner.test/orders', req.body); // @promise
  const key = slugify(req.body.name || 'order'); // @not-promise
  await wait(100); // @promise
  res.json({ key, result }); // @not-promise
});

functions.http('report', async (req, res) => { // @not-promise
  const day = req.query.day || isoNow().slice(0, 10); // @not-promise
  const snapshot = await firestore.collection('events').where('day', '==', day).get(); // @promise
  const csv = snapshot.docs.map((doc) => `${doc.id},${doc.get('type')}`).join('\n'); // @not-promise
  const tmp = join(tmpdir(), `${day}.csv`); // @not-promise
  await writeFile(tmp, csv); // @promise
  await run('gzip', ['-f', tmp]); // @promise
  const gz = await readFile(`${tmp}.gz`); // @promise
  await reports.file(`daily/${day}.csv.gz`).save(gz, { contentType: 'application/gzip' }); // @promise
  const unlinking = unlink(`${tmp}.gz`); // @promise
  const [url] = await reports.file(`daily/${day}.csv.gz`).getSignedUrl({ action: 'read', expires: Date.now() + 36e5 }); // @promise
  await unlinking; // @promise
  res.redirect(url); // @not-promise
});

functions.http('reportCallback', (req, res) => { // @not-promise
  const file = reports.file(`daily/${req.query.day}.csv.gz`); // @not-promise
  file.download((err, contents) => { // @not-promise -- callback form
    if (err) {
      res.status(404).end(); // @not-promise
      return;
    }
    res.type('application/gzip').send(contents); // @not-promise
  });
});

export const version = isoNow(); // @not-promise
