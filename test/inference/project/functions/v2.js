'use strict';
// Second-generation endpoints (firebase-functions/v2).
const { onRequest } = require('firebase-functions/v2/https');
const { defineSecret } = require('firebase-functions/params');
const logger = require('firebase-functions/logger');
const { getFirestore, FieldValue } = require('firebase-admin/firestore');
const { getAuth } = require('firebase-admin/auth');
const { initializeApp, getApps } = require('firebase-admin/app');
const axios = require('axios');
const { setTimeout: delay } = require('timers/promises');
const fsp = require('fs/promises');

if (getApps().length === 0) {
  initializeApp(); // @not-promise
}

const firestore = getFirestore(); // @not-promise
const weatherKey = defineSecret('WEATHER_API_KEY'); // @not-promise
const api = axios.create({ baseURL: 'https://api.carrier.test/v1', timeout: 5000 }); // @not-promise

async function trackingStatus(trackingId) {
  const response = await api.get(`/tracking/${encodeURIComponent(trackingId)}`); // @promise
  return response.data.status; // @not-promise -- a JSON field
}

function cityKey(city) {
  return city.trim().toLowerCase(); // @either -- city is the caller's
}

exports.weather = onRequest({ secrets: [weatherKey], region: 'europe-west1' }, async (req, res) => {
  const city = String(req.query.city || 'Berlin'); // @not-promise
  const cached = await firestore.collection('weather').doc(cityKey(city)).get(); // @promise
  if (cached.exists && Date.now() - cached.get('fetchedAt') < 10 * 60 * 1000) {
    res.json(cached.data()); // @not-promise
    return;
  }
  const { data } = await axios.get('https://api.weather.test/current', { // @promise
    params: { q: city, key: weatherKey.value() },
  });
  await firestore.collection('weather').doc(cityKey(city)).set({ ...data, fetchedAt: Date.now() }); // @promise
  logger.info('weather refreshed', { city }); // @not-promise
  res.json(data); // @not-promise
});

exports.track = onRequest(async (request, response) => {
  const ids = String(request.query.ids || '').split(',').filter(Boolean); // @not-promise
  const statuses = await Promise.all(ids.map((id) => trackingStatus(id))); // @promise
  const settled = await Promise.allSettled(ids.map((id) => axios.head(`https://api.carrier.test/v1/labels/${id}`))); // @promise
  const labels = settled.map((outcome) => outcome.status === 'fulfilled'); // @not-promise
  response.json({ statuses, labels }); // @not-promise
});

exports.firstResponder = onRequest(async (req, res) => {
  const timeout = delay(3000).then(() => ({ source: 'timeout' })); // @promise
  const winner = await Promise.race([ // @promise
    axios.get('https://eu.status.acme.test/ping').then(() => ({ source: 'eu' })),
    axios.get('https://us.status.acme.test/ping').then(() => ({ source: 'us' })),
    timeout,
  ]);
  res.json(winner); // @not-promise
});

exports.grantAdmin = onRequest(async (req, res) => {
  const { uid } = req.body;
  const user = await getAuth().getUser(uid); // @promise
  await getAuth().setCustomUserClaims(user.uid, { ...user.customClaims, admin: true }); // @promise
  await firestore.collection('admins').doc(uid).set({ grantedAt: FieldValue.serverTimestamp() }); // @promise
  res.status(204).end(); // @not-promise
});

exports.config = onRequest(async (req, res) => {
  const raw = await fsp.readFile(`${__dirname}/config/public.json`, 'utf8'); // @promise
  const config = JSON.parse(raw); // @not-promise -- JSON holds no functions
  const keys = Object.keys(config); // @not-promise
  res.set('Cache-Control', 'public, max-age=300'); // @not-promise
  res.json({ keys, version: config.version }); // @not-promise
});

exports.bulkDelete = onRequest(async (req, res) => {
  const snapshot = await firestore.collection('carts').where('updatedAt', '<', Date.now() - 864e5).get(); // @promise
  const writer = firestore.bulkWriter(); // @not-promise
  snapshot.docs.forEach((doc) => writer.delete(doc.ref)); // @not-promise
  await writer.close(); // @promise
  res.json({ deleted: snapshot.size }); // @not-promise
});

exports.mirror = onRequest((req, res) => {
  const started = Date.now(); // @not-promise
  Promise.resolve(req.body) // @promise
    .then((body) => firestore.collection('mirror').add({ body, started }))
    .then((ref) => res.json({ id: ref.id }))
    .catch((err) => res.status(500).json({ error: err.message }));
});

exports.failFast = onRequest(async (req, res) => {
  const check = req.query.token ? Promise.resolve(true) : Promise.reject(new Error('no token')); // @promise
  try {
    await check; // @promise
    res.send('ok'); // @not-promise
  } catch (err) {
    res.status(401).send(err.message); // @not-promise
  }
});

const util = require('util');
const fs = require('fs');
const path = require('path');
const { Storage } = require('@google-cloud/storage');
const drafts = new Storage().bucket('acme-drafts'); // @not-promise

const actions = {
  archive: async (id) => firestore.collection('orders').doc(id).update({ archived: true }),
  label: (id) => `label-${id}`,
};

exports.bulkLabels = onRequest(async (req, res) => {
  const items = req.body.items; // @not-promise -- a parsed JSON body
  const heaviest = Math.max(...items.map((item) => item.weight)); // @not-promise
  const pending = items.map(async (item) => firestore.collection('labels').add(item)); // @not-promise -- an array of promises
  items.forEach(async (item) => { // @not-promise
    await firestore.collection('audit').add({ label: item.id }); // @promise
  });
  const labels = await Promise.all(pending); // @promise
  const template = await util.promisify(fs.readFile)(path.join(__dirname, 'label.txt'), 'utf8'); // @promise
  drafts.file(`labels/${Date.now()}.txt`).save(template, (err) => { // @not-promise -- callback form
    if (err) logger.error(err); // @not-promise
  });
  const keys = Object.entries(req.body).map(([key]) => key); // @not-promise
  res.json({ heaviest, count: labels.length, keys }); // @not-promise
});

exports.action = onRequest(async (req, res) => {
  const run = actions[req.query.action]; // @not-promise -- one of the functions above, or undefined
  if (!run) {
    return res.status(400).send('unknown action'); // @not-promise
  }
  const result = await run(req.query.id); // @either -- an async action or a sync one
  const archived = actions.archive(req.query.id); // @promise
  const label = actions.label(req.query.id); // @not-promise
  await archived; // @promise
  res.json({ result, label }); // @not-promise
});

exports.plugin = onRequest(async (req, res) => {
  const plugin = require(`./plugins/${req.query.name}`); // @either -- a module chosen at run time
  const output = await plugin.run(req.body); // @either
  res.json(output); // @not-promise
});
