// Order workflows: chains, races, retries and background starts.
import { http } from '@google-cloud/functions-framework';
import { setTimeout as sleep, setImmediate as nextTurn } from 'node:timers/promises';
import { once, EventEmitter } from 'node:events';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { PubSub } from '@google-cloud/pubsub';
import { firestore, fetchJson, postJson, publishEvent, saveEvent } from './util.mjs';

const gzipAsync = promisify(gzip); // @not-promise
const bus = new EventEmitter(); // @not-promise
const pubsub = new PubSub(); // @not-promise

const withTimeout = (promise, ms) =>
  Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`timed out after ${ms} ms`)))]);

async function retry(times, make) {
  let lastError;
  for (let attempt = 1; attempt <= times; attempt++) {
    try {
      return await make(); // @either -- make is the caller's
    } catch (err) {
      lastError = err;
      await sleep(2 ** attempt * 100); // @promise
    }
  }
  throw lastError;
}

function loadOrder(id) {
  return firestore.collection('orders').doc(id).get().then((snap) => snap.data()); // @promise
}

function settleOrder(id) {
  return loadOrder(id) // @promise
    .then((order) => postJson('https://ledger.acme.test/settle', order))
    .then((receipt) => firestore.collection('receipts').doc(id).set(receipt))
    .finally(() => bus.emit('settled', id));
}

async function* pages(query) {
  let snapshot = await query.limit(100).get(); // @either -- query is the caller's
  while (!snapshot.empty) {
    yield snapshot.docs;
    const last = snapshot.docs[snapshot.docs.length - 1]; // @either
    snapshot = await query.startAfter(last).limit(100).get(); // @not-promise -- the assignment gives the awaited snapshot
  }
}

function* batches(list, size) {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

http('settle', async (req, res) => { // @not-promise
  const id = req.body.id; // @not-promise -- a parsed JSON body
  await withTimeout(settleOrder(id), 5000); // @promise
  res.json({ settled: id }); // @not-promise
});

http('settleMany', async (req, res) => { // @not-promise
  const ids = req.body.ids; // @not-promise -- a parsed JSON body
  const results = await Promise.allSettled(ids.map(settleOrder)); // @promise
  const failed = results.filter((r) => r.status === 'rejected').length; // @not-promise
  res.json({ failed }); // @not-promise
});

http('firstQuote', async (req, res) => { // @not-promise
  const quote = await Promise.any([ // @promise
    fetchJson('https://quotes-a.acme.test/q'),
    fetchJson('https://quotes-b.acme.test/q'),
  ]);
  res.json(quote); // @not-promise
});

http('exportAll', async (req, res) => { // @not-promise
  const iterator = pages(firestore.collection('orders').orderBy('createdAt')); // @not-promise -- an async generator object
  const first = await iterator.next(); // @promise
  let count = first.done ? 0 : first.value.length;
  for await (const docs of iterator) count += docs.length;
  const archived = await Array.fromAsync(pages(firestore.collection('archive').orderBy('createdAt'))); // @promise -- Array.fromAsync returns a promise
  count += archived.length; // @not-promise
  const chunks = batches([1, 2, 3, 4], 2); // @not-promise -- a generator object
  const compressed = await gzipAsync(JSON.stringify({ count, chunks: [...chunks] })); // @promise
  res.set('Content-Encoding', 'gzip').send(compressed); // @not-promise
});

http('kickoff', (req, res) => { // @not-promise
  const job = (async () => { // @promise
    await sleep(10); // @promise
    return saveEvent({ type: 'kickoff' }); // @promise
  })();
  job.catch((err) => console.error('kickoff failed', err)); // @promise
  res.status(202).send('started'); // @not-promise
});

http('waitForSignal', async (req, res) => { // @not-promise
  const signal = once(bus, 'settled'); // @promise
  setImmediate(() => bus.emit('settled', 'x')); // @not-promise
  const [id] = await signal; // @promise
  await nextTurn(); // @promise
  res.send(id); // @not-promise
});

http('retrying', async (req, res) => { // @not-promise
  const result = await retry(3, () => fetchJson('https://flaky.acme.test')); // @promise -- an async function
  const direct = retry(1, () => 1); // @promise
  await direct; // @promise
  res.json(result); // @not-promise
});

http('notifyAll', async (req, res) => { // @not-promise
  const topics = ['orders', 'audit', 'billing'];
  const sends = []; // @not-promise
  for (const name of topics) {
    sends.push(pubsub.topic(name).publishMessage({ json: req.body })); // @not-promise -- the new length
  }
  await Promise.all(sends); // @promise
  const later = Promise.resolve().then(() => publishEvent('late', req.body)); // @promise
  await later; // @promise
  res.sendStatus(204); // @not-promise
});

http('manualPromise', (req, res) => { // @not-promise
  const done = new Promise((resolve, reject) => { // @promise
    req.on('end', resolve); // @not-promise
    req.on('error', reject); // @not-promise
  });
  req.resume(); // @not-promise
  return done.then(() => res.send('read')); // @promise
});

http('queued', async (req, res) => { // @not-promise
  queueMicrotask(() => console.log('microtask')); // @not-promise
  process.nextTick(() => console.log('tick')); // @not-promise
  const chain = [1, 2, 3].reduce((p, n) => p.then(() => sleep(n)), Promise.resolve()); // @promise
  await chain; // @promise
  res.end(); // @not-promise
});
