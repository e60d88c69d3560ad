'use strict';
// CSV price-list import: the file arrives as the request body.
const functions = require('firebase-functions/v1');
const { parse } = require('csv-parse');
const { parse: parseSync } = require('csv-parse/sync');
const { db } = require('./lib/db');
const { withRetry } = require('./lib/cache');

const BATCH_SIZE = 400;

function toProduct(record) {
  return { // @not-promise
    sku: record.sku.trim(),
    name: record.name,
    price: Math.round(Number(record.price) * 100),
  };
}

function chunk(list, size) {
  const chunks = []; // @not-promise
  for (let i = 0; i < list.length; i += size) {
    chunks.push(list.slice(i, i + size)); // @not-promise
  }
  return chunks; // @not-promise
}

function writeChunk(products) {
  const batch = db.batch(); // @not-promise
  products.forEach((product) => batch.set(db.collection('products').doc(product.sku), product)); // @either -- products is the caller's
  return batch.commit(); // @promise
}

exports.importPrices = functions.https.onRequest(async (req, res) => {
  const records = parseSync(req.rawBody.toString('utf8'), { columns: true, skip_empty_lines: true }); // @not-promise
  const products = records.map(toProduct); // @not-promise
  const chunks = chunk(products, BATCH_SIZE); // @not-promise
  await chunks.reduce((previous, part) => previous.then(() => writeChunk(part)), Promise.resolve()); // @promise -- the last link of the chain
  res.json({ imported: products.length, batches: chunks.length }); // @not-promise
});

exports.importPricesStream = functions.https.onRequest((req, res) => {
  const rows = [];
  parse(req.rawBody, { columns: true }, (err, records) => { // @not-promise -- the callback form returns the parser
    if (err) {
      res.status(400).send(`Invalid CSV: ${err.message}`); // @not-promise
      return;
    }
    rows.push(...records.map(toProduct)); // @not-promise
    Promise.all(chunk(rows, BATCH_SIZE).map((part) => withRetry(() => writeChunk(part), 3))) // @promise
      .then(() => res.json({ imported: rows.length }))
      .catch((e) => res.status(500).send(e.message));
  });
});

exports.importPricesSequential = functions.https.onRequest(async (req, res) => {
  const products = parseSync(req.rawBody, { columns: true }).map(toProduct); // @not-promise
  let written = 0;
  for (const part of chunk(products, BATCH_SIZE)) {
    await writeChunk(part); // @promise
    written += part.length; // @not-promise
  }
  const summary = { written, at: new Date().toISOString() }; // @not-promise
  await db.collection('imports').add(summary); // @promise
  res.json(summary); // @not-promise
});
