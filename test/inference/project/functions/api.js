'use strict';
// The partner API: an Express app served by one HTTPS function.
const functions = require('firebase-functions/v1');
const express = require('express');
const cors = require('cors');
const crypto = require('crypto');
const dns = require('dns');
const zlib = require('zlib');
const { pipeline, finished } = require('stream');
const { exec } = require('child_process');
const reply = require('./lib/reply');
const { getJson, postPartner, ping, partnerUrl } = require('./lib/http.cjs');
const { db, getOrder, saveOrder } = require('./lib/db');

const app = express(); // @not-promise
const router = express.Router(); // @not-promise

// A local logger that writes to Firestore: its methods are async, unlike console's.
const logger = {
  info: async (message, fields) => db.collection('logs').add({ level: 'info', message, ...fields }),
  debug(message) {
    if (process.env.DEBUG) console.debug(message); // @not-promise
  },
};

// Local names that shadow well-known ones.
const fetch = (key) => ({ key, cached: true });
function send(to, body) {
  return postPartner(`/messages/${to}`, body); // @promise
}

async function requireSignature(req, res, next) {
  const signature = req.get('x-signature'); // @not-promise -- Express middleware: req is the request
  const expected = crypto.createHmac('sha256', process.env.PARTNER_SECRET).update(req.rawBody).digest('hex'); // @not-promise
  if (signature !== expected) {
    return res.status(401).end(); // @not-promise
  }
  await logger.info('signature ok', { path: req.path }); // @promise
  next(); // @not-promise
}

app.use(cors({ origin: ['https://partner.acme.test'] })); // @not-promise
router.use(requireSignature); // @not-promise

router.get('/orders/:id', (req, res) => { // @not-promise
  return reply.sendOrder(res, req.params.id); // @promise
});

router.get('/orders/:id/later', (req, res) => { // @not-promise
  reply.sendOrderLater(res, req.params.id); // @not-promise -- the helper returns nothing
});

router.put('/orders/:id', async (req, res) => { // @not-promise
  await saveOrder(req.params.id, req.body); // @promise
  logger.info('order saved', { id: req.params.id }); // @promise -- the local logger is async
  logger.debug(`saved ${req.params.id}`); // @not-promise
  reply.noContent(res); // @not-promise
});

router.get('/lookup/:key', (req, res) => { // @not-promise
  const entry = fetch(req.params.key); // @not-promise -- the local fetch
  res.json(entry); // @not-promise
});

router.post('/messages/:to', async (req, res) => { // @not-promise
  const result = await send(req.params.to, req.body); // @promise
  res.json(result); // @not-promise
});

router.get('/status', async (req, res) => { // @not-promise
  const status = await getJson(partnerUrl('/status')); // @promise
  const util = await import('./lib/db.js'); // @promise -- a dynamic import
  const snap = await util.getOrder('status'); // @promise
  ping('partner.acme.test', (err, code) => { // @not-promise
    if (!err) console.log('partner answered', code); // @not-promise
  });
  res.json({ status, pinned: snap.exists }); // @not-promise
});

router.get('/orders.csv', async (req, res) => { // @not-promise
  const snapshot = await db.collection('orders').limit(100).get(); // @promise
  const rows = snapshot.docs.map((doc) => `${doc.id},${doc.get('status')}`); // @not-promise
  return reply.sendCsv(res, 'orders.csv', rows); // @promise -- an async helper
});

router.get('/ok', (req, res) => { // @not-promise
  reply.ok(res); // @either -- whatever res.json returns
});

router.get('/diagnostics', (req, res) => { // @not-promise
  dns.lookup('partner.acme.test', (err, address) => { // @not-promise
    exec('uptime', (error, stdout) => { // @not-promise
      res.json({ address, uptime: stdout.trim() }); // @not-promise
    });
  });
});

router.get('/export.gz', (req, res) => { // @not-promise
  const source = db.collection('orders').stream(); // @not-promise
  const gzip = zlib.createGzip(); // @not-promise
  res.set('Content-Encoding', 'gzip'); // @not-promise
  pipeline(source, gzip, res, (err) => { // @not-promise -- the callback form returns the last stream
    if (err) console.error('export failed', err); // @not-promise
  });
  finished(res, () => console.log('export sent')); // @not-promise -- returns a cleanup function
});

router.get('/digest', async (req, res) => { // @not-promise
  const data = new TextEncoder().encode(req.query.text || ''); // @not-promise
  const digest = await crypto.webcrypto.subtle.digest('SHA-256', data); // @promise
  const id = crypto.randomUUID(); // @not-promise
  zlib.gzip(Buffer.from(digest), (err, zipped) => { // @not-promise
    res.json({ id, size: zipped.length }); // @not-promise
  });
});

router.get('/orders/:id/maybe', async (req, res) => { // @not-promise
  const cached = req.query.cached === '1'; // @not-promise
  const loading = cached ? Promise.resolve(null) : getOrder(req.params.id); // @promise
  const optional = cached && getOrder(req.params.id); // @either -- false or a promise
  const snap = await loading; // @promise
  await optional; // @either
  res.json({ exists: Boolean(snap && snap.exists) }); // @not-promise
});

router.get('/drafts/first', async (req, res, next) => { // @not-promise
  async function* drafts() {
    yield* await db.collection('drafts').listDocuments();
  }
  const iterator = drafts(); // @not-promise
  try {
    const next = iterator.next(); // @promise -- the async iterator's next, not the middleware's
    const { value } = await next; // @promise
    res.json({ first: value ? value.id : null }); // @not-promise
  } catch (err) {
    next(err); // @not-promise
  }
});

app.use('/v1', router); // @not-promise

exports.partnerApi = functions.https.onRequest(app);
