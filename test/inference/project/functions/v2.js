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
