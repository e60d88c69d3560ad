// Partner integrations: webhooks out, catalogue sync in.
import * as functions from '@google-cloud/functions-framework';
import axios from 'axios';
import got from 'got';
import fetch from 'node-fetch';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import sgMail from '@sendgrid/mail';
import { firestore, saveEvent, postJson } from './util.mjs';

const catalogue = firestore.collection('catalogue'); // @not-promise
sgMail.setApiKey(process.env.SENDGRID_API_KEY); // @not-promise

async function syncPage(page) {
  const { data } = await axios.get('https://partner.test/catalogue', { params: { page } }); // @promise
  const batch = firestore.batch(); // @not-promise
  for (const item of data.items) {
    batch.set(catalogue.doc(String(item.id)), item); // @not-promise
  }
  await batch.commit(); // @promise
  return data.next; // @not-promise -- a JSON field
}

function notifyPartner(event) {
  return axios.request({ method: 'post', url: 'https://partner.test/hooks', data: event }); // @promise
}

functions.http('syncCatalogue', async (req, res) => { // @not-promise
  let page = 1;
  while (page) {
    page = await syncPage(page); // @not-promise -- the assignment gives the awaited page number
  }
  await axios.put('https://partner.test/catalogue/synced', { at: Date.now() }); // @promise
  res.sendStatus(204); // @not-promise
});

functions.http('removeItem', async (req, res) => { // @not-promise
  await axios.delete(`https://partner.test/catalogue/${req.query.id}`); // @promise
  await catalogue.doc(String(req.query.id)).delete(); // @promise
  notifyPartner({ type: 'item.removed', id: req.query.id }).catch(console.error); // @promise
  res.sendStatus(204); // @not-promise
});

functions.http('mirrorFeed', async (req, res) => { // @not-promise
  const text = await got.get('https://partner.test/feed.xml').text(); // @promise
  const download = got.stream('https://partner.test/feed.zip'); // @not-promise -- a stream
  await pipeline(download, createWriteStream('/tmp/feed.zip')); // @promise
  const head = await fetch('https://partner.test/feed.xml', { method: 'HEAD' }); // @promise
  const bytes = fetch('https://partner.test/logo.png').then((r) => r.arrayBuffer()); // @promise
  await bytes; // @promise
  res.json({ length: text.length, modified: head.headers.get('last-modified') }); // @not-promise
});

functions.http('partnerMail', async (req, res) => { // @not-promise
  const sent = sgMail.send({ to: req.body.to, from: 'partners@acme.test', subject: 'Update', text: req.body.text }); // @promise
  sgMail.send({ to: 'log@acme.test', from: 'partners@acme.test', subject: 'Copy', text: req.body.text }, false, (err) => { // @promise -- SendGrid returns its promise even with a callback
    if (err) console.error(err); // @not-promise
  });
  const [response] = await sent; // @promise
  await saveEvent({ type: 'partner.mail', status: response.statusCode }); // @promise
  const echo = await postJson('https://partner.test/echo', { ok: true }); // @promise
  res.json(echo); // @not-promise
});
