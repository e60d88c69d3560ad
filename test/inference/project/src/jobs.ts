// @ts-nocheck -- the project's packages are not installed in this repository
// Back-office endpoints: restocking, reports and mail, each a small typed helper.
import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
import { getMessaging } from 'firebase-admin/messaging';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Stripe from 'stripe';
import fetch from 'node-fetch';
import Inventory, { type StockLevel } from './services/inventory';
import { createMailer, toCsvRow } from './lib';
import { TaskPool, defaultPool } from './lib/pool';
import { settingsClient } from './lib/config';

const db = getFirestore(); // @not-promise
const mailer = createMailer('Acme <backoffice@acme.test>'); // @not-promise
const stripe = new Stripe(process.env.STRIPE_KEY ?? '', { apiVersion: '2024-06-20' }); // @not-promise

export async function restock(sku: string, amount: number): Promise<void> {
  const inventory = await Inventory.open(); // @promise
  await inventory.adjust(sku, amount); // @promise
  await inventory.log(sku, amount); // @promise
}

export function lowStock(limit = 5): Promise<StockLevel[]> {
  return db // @promise
    .collection('stock')
    .where('available', '<', limit)
    .get()
    .then((snap) => snap.docs.map((doc) => doc.data() as StockLevel));
}

export function summarize(levels: StockLevel[]): string {
  return levels.map((l) => toCsvRow([l.sku, l.available])).join('\n'); // @not-promise
}

export async function alertStaff(levels: StockLevel[]): Promise<string> {
  return getMessaging().send({ topic: 'staff', notification: { title: 'Low stock', body: `${levels.length} items` } }); // @promise
}

export function templatePath(name: string): string {
  return join(__dirname, 'templates', `${name}.txt`); // @not-promise
}

const loadTemplate = (name: string): Promise<string> => readFile(templatePath(name), 'utf8');

export const restockEndpoint = onRequest(async (req, res) => {
  const { sku, amount } = req.body as { sku: string; amount: number };
  await restock(sku, amount); // @promise
  res.json({ ok: true }); // @not-promise
});

export const lowStockReport = onRequest(async (req, res) => {
  const levels = await lowStock(Number(req.query.limit ?? 5)); // @promise
  const csv = summarize(levels); // @not-promise
  const template = await loadTemplate('low-stock'); // @promise
  const messageId = await alertStaff(levels); // @promise
  await mailer.send('stock@acme.test', 'Low stock', template.replace('{{rows}}', csv)); // @promise
  await mailer.receipt('finance@acme.test', { cents: 0, currency: 'EUR' }); // @promise
  res.json({ messageId, count: levels.length }); // @not-promise
});

export const refunds = onRequest(async (req, res) => {
  const charges = await stripe.charges.list({ limit: 10 }); // @promise
  const refund = await stripe.refunds.create({ charge: charges.data[0].id }); // @promise
  const intents = stripe.paymentIntents.list({ limit: 3 }); // @promise -- a list promise
  const event = stripe.webhooks.constructEvent(req.rawBody, req.header('stripe-signature') ?? '', 'whsec'); // @not-promise
  const { data } = await intents; // @promise
  res.json({ refund: refund.id, intents: data.length, event: event.type }); // @not-promise
});

export const rates = onRequest(async (req, res) => {
  const response = await fetch('https://rates.acme.test/eur.json'); // @promise
  const body = response.json(); // @promise
  const etag = response.headers.get('etag'); // @not-promise
  res.set('ETag', etag ?? ''); // @not-promise
  res.json(await body); // @not-promise
});

export const stockWatch = onRequest((req, res) => {
  const inventory = new Inventory(); // @not-promise
  const listener = inventory.subscribe(String(req.query.sku), (available) => { // @not-promise
    res.write(`data: ${available}\n\n`); // @not-promise
  });
  req.on('close', () => inventory.unsubscribe(String(req.query.sku))); // @not-promise
  res.setHeader('Content-Type', 'text/event-stream'); // @not-promise
  inventory.readOnce(String(req.query.sku)).then((snap) => res.write(`data: ${snap.val()}\n\n`)); // @promise
  void listener;
});

export const adjustLater = onRequest(async (req, res) => {
  const inventory = new Inventory(); // @not-promise
  const pending = inventory.adjustLater(req.body.sku, 1); // @promise
  const described = inventory.describe({ sku: req.body.sku, available: 0, reserved: 0 }); // @not-promise
  const mirrored = inventory.mirror({ sku: req.body.sku, available: 0, reserved: 0 }); // @promise
  await Promise.all([pending, mirrored]); // @promise
  const found = await inventory.find(req.body.sku); // @promise -- an inherited async method
  const saved = inventory.save(req.body.sku, { sku: req.body.sku, available: 1, reserved: 0 }); // @promise -- an override that calls super.save
  await saved; // @promise
  res.json({ described, found, count: inventory.count() }); // @not-promise
});

export const reindex = onRequest(async (req, res) => {
  const skus: string[] = req.body.skus;
  const pool = new TaskPool(8); // @not-promise
  const levels = await pool.map(skus, (sku) => db.collection('stock').doc(sku).get()); // @promise -- TaskPool.map, not Array.prototype.map
  const touched = pool.forEach(skus, async (sku) => { // @promise -- TaskPool.forEach is async
    await db.collection('stock').doc(sku).update({ reindexedAt: Date.now() }); // @promise
  });
  skus.forEach((sku) => defaultPool.run(() => restock(sku, 0))); // @not-promise -- Array.prototype.forEach
  const names = skus.map((sku) => sku.toUpperCase()); // @not-promise
  await touched; // @promise
  res.json({ found: levels.filter((s) => s.exists).length, names, waiting: pool.pending }); // @not-promise
});

export const currency = onRequest(async (req, res) => {
  const loading = settingsClient.load(); // @promise
  const { currency } = await loading; // @promise
  settingsClient.reset(); // @not-promise
  res.json({ currency }); // @not-promise
});
