'use strict';
// Shop settings, read from Firestore once per instance and refreshed every minute.
const admin = require('firebase-admin');

const db = admin.firestore(); // @not-promise
const TTL_MS = 60 * 1000;

// Survives between invocations on a warm instance.
/** @type {{ settings: Promise<Record<string, unknown>> | null, loadedAt: number }} */
const warm = { settings: null, loadedAt: 0 };

function loadSettings() {
  if (!warm.settings || Date.now() - warm.loadedAt > TTL_MS) {
    warm.settings = db.collection('config').doc('shop').get().then((snap) => snap.data() || {}); // @promise -- the assignment gives the read
    warm.loadedAt = Date.now(); // @not-promise
  }
  return warm.settings; // @promise
}

function settingsAge() {
  return Date.now() - warm.loadedAt; // @not-promise
}

module.exports = { loadSettings, settingsAge };

// Started at cold start so the first request does not wait for the whole read.
module.exports.ready = loadSettings(); // @promise
