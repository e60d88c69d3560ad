'use strict';
// Settings endpoints and the batch price update that depends on them.
const functions = require('firebase-functions/v1');
const settings = require('./lib/config');
const { db } = require('./lib/db');

class Job {
  // The base job has nothing to load; jobs that read data override this.
  load() {
    return [];
  }

  async run() {
    const rows = await this.load(); // @either -- a subclass may load asynchronously
    return rows.length;
  }
}

class PriceJob extends Job {
  async load() {
    const snap = await db.collection('prices').get(); // @promise
    return snap.docs;
  }
}

exports.settings = functions.https.onRequest(async (req, res) => {
  await settings.ready; // @promise -- started at cold start
  const current = settings.loadSettings(); // @promise
  res.json({ settings: await current, ageMs: settings.settingsAge() }); // @not-promise
});

exports.reprice = functions.https.onRequest(async (req, res) => {
  const { markup } = await settings.loadSettings(); // @promise
  const snapshot = await db.collection('products').get(); // @promise
  const writes = snapshot.docs.map((doc) => doc.ref.update({ price: Math.round(doc.get('base') * (1 + markup)) })); // @not-promise -- an array of promises
  for (let write of writes) {
    await write; // @promise
  }
  const count = await new PriceJob().run(); // @promise
  res.json({ updated: writes.length, prices: count }); // @not-promise
});
