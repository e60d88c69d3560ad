'use strict';
// A per-instance cache in front of Firestore, and the legacy billing client.
const billing = require('acme-legacy-billing');
const { db } = require('./db');

const products = new Map();

// Returns the cached snapshot data when it has it, otherwise a promise of it.
function getProduct(sku) {
  if (products.has(sku)) {
    return products.get(sku); // @not-promise -- only plain data is stored
  }
  return db.collection('products').doc(sku).get().then((snap) => { // @promise
    const data = snap.data(); // @not-promise
    products.set(sku, data); // @not-promise -- Map.set returns the map
    return data; // @not-promise
  });
}

function clearProducts() {
  products.clear(); // @not-promise
}

function chargeInvoice(invoice) {
  return billing.charge(invoice.customerId, invoice.total); // @either -- an untyped package
}

function withRetry(operation, attempts) {
  return operation().catch((err) => { // @either -- operation is the caller's
    if (attempts <= 1) throw err;
    return withRetry(operation, attempts - 1); // @either
  });
}

module.exports = { getProduct, clearProducts, chargeInvoice, withRetry };
