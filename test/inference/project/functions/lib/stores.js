'use strict';
// Key-value stores with the same interface: one in memory, one in Firestore.
const { getFirestore } = require('firebase-admin/firestore');

class MemoryStore {
  constructor() {
    this.map = new Map(); // @not-promise
  }

  get(key) {
    const value = this.map.get(key); // @not-promise -- only strings are stored
    return value === undefined ? null : value; // @not-promise
  }

  set(key, value) {
    this.map.set(key, String(value)); // @not-promise
    return this; // @not-promise
  }

  delete(key) {
    return this.map.delete(key); // @not-promise
  }
}

class FirestoreStore {
  constructor(collection) {
    this.collection = getFirestore().collection(collection); // @not-promise
    this.initialized = null;
  }

  get ready() {
    if (!this.initialized) {
      this.initialized = this.collection.doc('_meta').set({ touched: Date.now() }, { merge: true }); // @promise -- the assignment gives the write
    }
    return this.initialized; // @promise
  }

  async get(key) {
    await this.ready; // @promise -- a getter that returns a promise
    const snap = await this.collection.doc(key).get(); // @promise
    return snap.exists ? snap.get('value') : null;
  }

  set(key, value) {
    return this.collection.doc(key).set({ value: String(value) }); // @promise
  }

  delete(key) {
    return this.collection.doc(key).delete().then(() => true); // @promise
  }
}

module.exports = { MemoryStore, FirestoreStore };
