'use strict';
// HTTPS endpoints of the shop (firebase-functions v1 API).
const functions = require('firebase-functions/v1');
const admin = require('firebase-admin');
const cors = require('cors')({ origin: true });
const util = require('util');
const fs = require('fs');
const os = require('os');
const path = require('path');

const orders = require('./lib/db');
const { sendReceipt, sendWelcome, sendAlert, buildReceipt } = require('./lib/mail');
const mail = require('./lib/mail');
const sendError = require('./lib/respond');
const publish = require('./lib/publish');
const { getProduct, chargeInvoice } = require('./lib/cache');
const { makeThumbnail, signedDownloadUrl, publicUrl } = require('./lib/storage');

const db = orders.db;
const readFile = util.promisify(fs.readFile); // @not-promise -- a function
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function requireFields(body, fields) {
  const missing = fields.filter((field) => body[field] === undefined); // @either -- fields is the caller's
  return missing.length ? `missing ${missing.join(', ')}` : null; // @not-promise
}

async function loadCustomer(uid) {
  const snap = await db.collection('customers').doc(uid).get(); // @promise
  return snap.exists ? snap.data() : null; // @not-promise
}

function verifyUser(req) {
  const header = req.get('Authorization') || ''; // @either -- req is the caller's
  const token = header.startsWith('Bearer ') ? header.slice(7) : ''; // @either
  return admin.auth().verifyIdToken(token); // @promise
}

exports.createOrder = functions.https.onRequest(async (req, res) => {
  const problem = requireFields(req.body, ['customerId', 'items']); // @not-promise
  if (problem) {
    return res.status(400).json({ error: problem }); // @not-promise
  }
  const orderId = orders.newOrderId(); // @not-promise
  const order = { id: orderId, ...req.body, status: 'open', createdAt: Date.now() }; // @not-promise
  await orders.saveOrder(orderId, order); // @promise
  await publish.publishOrderCreated(order); // @promise
  publish.publishAudit({ type: 'order.created', orderId }); // @not-promise
  functions.logger.info('order created', { orderId }); // @not-promise
  res.status(201).json({ id: orderId }); // @not-promise
});

exports.getOrder = functions.https.onRequest((req, res) => {
  const orderId = String(req.query.id || ''); // @not-promise
  return orders // @promise
    .getOrder(orderId)
    .then((snap) => {
      if (!snap.exists) {
        return res.status(404).send('Not found'); // @not-promise
      }
      return res.json(snap.data()); // @not-promise
    })
    .catch((err) => {
      console.error(err); // @not-promise
      res.status(500).send('Internal error'); // @not-promise
    });
});

exports.closeOrders = functions.https.onRequest(async (req, res) => {
  if (req.method !== 'POST') {
    res.set('Allow', 'POST'); // @not-promise
    return res.status(405).end(); // @not-promise
  }
  const ids = Array.isArray(req.body.ids) ? req.body.ids : []; // @not-promise -- a parsed JSON body
  await orders.closeOrders(ids); // @promise
  const count = await orders.countOrders('open'); // @promise
  res.json({ closed: ids.length, open: count }); // @not-promise
});

exports.touchOrder = functions.https.onRequest((req, res) => {
  orders.touchOrder(req.query.id); // @not-promise -- the helper starts a write and returns nothing
  res.sendStatus(204); // @not-promise
});

exports.orderRefPath = functions.https.onRequest((req, res) => {
  const ref = orders.orderRef(req.query.id); // @not-promise
  res.send(ref.path); // @not-promise
});

exports.reserve = functions.https.onRequest(async (req, res) => {
  try {
    const left = await orders.reserveStock(req.body.sku, Number(req.body.quantity)); // @promise
    res.json({ left }); // @not-promise
  } catch (err) {
    sendError(res, 409, err.message); // @not-promise -- the helper responds and returns nothing
  }
});

exports.signup = functions.https.onRequest(async (req, res) => {
  const { email, password, name } = req.body;
  const user = await admin.auth().createUser({ email, password, displayName: name }); // @promise
  await db.collection('customers').doc(user.uid).set({ email, name, createdAt: Date.now() }); // @promise
  await sendWelcome(email, name); // @promise
  const token = await admin.auth().createCustomToken(user.uid); // @promise
  res.status(201).json({ uid: user.uid, token }); // @not-promise
});

exports.profile = functions.https.onRequest(async (req, res) => {
  let decoded;
  try {
    decoded = await verifyUser(req); // @not-promise -- the assignment gives the awaited token
  } catch (err) {
    return res.status(401).send('Unauthorized'); // @not-promise
  }
  const customer = await loadCustomer(decoded.uid); // @promise
  if (!customer) {
    return sendError(res, 404, 'no such customer'); // @not-promise
  }
  return res.json(customer); // @not-promise
});

exports.receipt = functions.https.onRequest(async (req, res) => {
  const snap = await orders.getOrder(req.query.id); // @promise
  const order = snap.data(); // @not-promise
  const message = buildReceipt(order); // @not-promise
  if (req.query.preview) {
    return res.type('text/plain').send(message.text); // @not-promise
  }
  const smtpOk = await mail.smtpReady; // @promise -- added to the exports by Object.assign
  if (!smtpOk) {
    return res.status(503).json({ sent: false }); // @not-promise
  }
  await sendReceipt(order); // @promise
  return res.json({ sent: true }); // @not-promise
});

exports.alert = functions.https.onRequest((req, res) => {
  sendAlert(req.body.text, (err) => { // @not-promise
    if (err) {
      return res.status(502).send('mail failed'); // @not-promise
    }
    res.send('ok'); // @not-promise
  });
});

exports.corsEcho = functions.https.onRequest((req, res) => {
  cors(req, res, () => { // @not-promise
    res.json({ method: req.method, body: req.body }); // @not-promise
  });
});

exports.productPrice = functions.https.onRequest(async (req, res) => {
  const product = await getProduct(req.query.sku); // @either -- cached data or a promise of it
  res.json({ price: product ? product.price : null }); // @not-promise
});

exports.chargeInvoice = functions.https.onRequest(async (req, res) => {
  const result = await chargeInvoice(req.body); // @either
  res.json(result); // @not-promise
});

exports.thumbnail = functions.https.onRequest(async (req, res) => {
  const name = await makeThumbnail(req.query.object); // @promise
  const url = await signedDownloadUrl(name); // @promise
  res.json({ url, publicUrl: publicUrl(name) }); // @not-promise
});

exports.template = functions.https.onRequest(async (req, res) => {
  const file = path.join(__dirname, 'templates', 'invoice.html'); // @not-promise
  const html = await readFile(file, 'utf8'); // @promise
  const footer = fs.readFileSync(path.join(__dirname, 'templates', 'footer.html'), 'utf8'); // @not-promise
  res.send(html.replace('{{footer}}', footer)); // @not-promise
});

exports.exportOrders = functions.https.onRequest(async (req, res) => {
  const snapshot = await db.collection('orders').limit(500).get(); // @promise
  const rows = snapshot.docs.map((doc) => JSON.stringify(doc.data())); // @not-promise
  const tmp = path.join(os.tmpdir(), `orders-${Date.now()}.ndjson`); // @not-promise
  await fs.promises.writeFile(tmp, rows.join('\n')); // @promise
  const [file] = await admin.storage().bucket().upload(tmp, { destination: 'exports/orders.ndjson' }); // @promise
  fs.unlinkSync(tmp); // @not-promise
  res.json({ object: file.name }); // @not-promise
});

exports.slowPing = functions.https.onRequest(async (req, res) => {
  await sleep(250); // @promise
  const timer = setTimeout(() => console.log('late'), 1000); // @not-promise
  clearTimeout(timer); // @not-promise
  res.send('pong'); // @not-promise
});

exports.notify = functions.https.onRequest(async (req, res) => {
  const { uid, title, body } = req.body;
  const tokens = await db.collection('customers').doc(uid).collection('tokens').get(); // @promise
  const message = { // @not-promise
    tokens: tokens.docs.map((doc) => doc.id),
    notification: { title, body },
  };
  const result = await admin.messaging().sendEachForMulticast(message); // @promise
  res.json({ sent: result.successCount }); // @not-promise
});

exports.liveCounter = functions.https.onRequest(async (req, res) => {
  const ref = admin.database().ref(`counters/${req.query.name}`); // @not-promise
  const event = admin.database().ref('events').push({ name: req.query.name, at: Date.now() }); // @promise -- RTDB push returns a thenable reference
  await event; // @promise
  await ref.transaction((value) => (value || 0) + 1); // @promise
  const snap = await ref.once('value'); // @promise
  ref.child('lastRead').set(Date.now(), (err) => { // @promise -- RTDB set returns a promise even with a callback
    if (err) console.error(err); // @not-promise
  });
  res.json({ value: snap.val() }); // @not-promise
});

exports.legacyRedirect = functions.https.onRequest((req, res) => {
  res.redirect(301, `https://shop.acme.test${req.path}`); // @not-promise
});
