'use strict';
// Draft orders: saved to disk or to Firestore, cached in memory or in Firestore.
const functions = require('firebase-functions/v1');
const { setTimeout } = require('timers/promises');
const { readFile } = require('fs').promises;
const readFileCallback = require('fs').readFile;
const util = require('util');
const exec = util.promisify(require('child_process').exec);
const { save: saveToDisk } = require('./lib/save-sync');
const { save: saveToFirestore } = require('./lib/save-async');
const { MemoryStore, FirestoreStore } = require('./lib/stores');
const lib = require('./lib');

const memory = new MemoryStore(); // @not-promise
const shared = new FirestoreStore('draft-cache'); // @not-promise

let render = (draft) => JSON.stringify(draft, null, 2);
if (process.env.RENDER_REMOTE) {
  render = async (draft) => (await exec(`render-draft '${JSON.stringify(draft)}'`)).stdout;
}

exports.saveDraft = functions.https.onRequest(async (req, res) => {
  const id = String(req.query.id); // @not-promise
  const file = saveToDisk(id, req.body); // @not-promise
  const stored = saveToFirestore(id, req.body); // @promise
  memory.set(id, file); // @not-promise
  const cachedWrite = shared.set(id, file); // @promise
  await Promise.all([stored, cachedWrite]); // @promise
  const fromMemory = memory.get(id); // @not-promise
  const fromShared = shared.get(id); // @promise
  res.json({ file, fromMemory, fromShared: await fromShared }); // @not-promise
});

exports.renderDraft = functions.https.onRequest(async (req, res) => {
  const text = await render(req.body); // @either -- the renderer depends on the environment
  await setTimeout(50); // @promise -- timers/promises, not the global timer
  const header = await readFile(`${__dirname}/templates/header.txt`, 'utf8'); // @promise
  readFileCallback(`${__dirname}/templates/footer.txt`, 'utf8', (err, footer) => { // @not-promise
    res.type('text/plain').send(`${header}${text}${err ? '' : footer}`); // @not-promise
  });
});

exports.proxyRates = functions.https.onRequest(async (req, res) => {
  const rates = await fetch('https://rates.acme.test/latest').then((res) => { // @promise
    return res.json(); // @promise -- the fetch response, not the handler's
  });
  const { stdout } = await exec('date -u +%FT%TZ'); // @promise -- the promisified exec
  res.json({ rates, at: stdout.trim() }); // @not-promise
});

exports.draftFromLib = functions.https.onRequest(async (req, res) => {
  const snap = await lib.getOrder(req.query.id); // @promise -- spread into the index module
  const file = lib.saveDraftFile(req.query.id, snap.data()); // @not-promise
  const id = lib.saveOrderInBackground(req.query.id, snap.data()); // @not-promise
  const removed = memory.delete(req.query.id); // @not-promise
  const removedShared = shared.delete(req.query.id); // @promise
  await removedShared; // @promise
  res.json({ file, id, removed }); // @not-promise
});
