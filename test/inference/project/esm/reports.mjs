// Scheduled-report endpoints, with the namespace import of the Functions Framework.
import * as ff from '@google-cloud/functions-framework';
import axios from 'axios';
import nodemailer from 'nodemailer';
import { firestore, fetchJson, isoNow } from './util.mjs';
import * as util from './util.mjs';

const mailer = nodemailer.createTransport({ sendmail: true }); // @not-promise

async function collectTotals(from, to) {
  const snap = await firestore.collection('orders').where('createdAt', '>=', from).where('createdAt', '<', to).get(); // @promise
  let total = 0;
  snap.forEach((doc) => { // @not-promise
    total += doc.get('total') || 0;
  });
  return { count: snap.size, total }; // @not-promise
}

function mailReport(to, totals) {
  return mailer.sendMail({ to, subject: `Sales ${isoNow()}`, text: JSON.stringify(totals, null, 2) }); // @promise
}

function mailReportLater(to, totals, done) {
  mailer.sendMail({ to, subject: 'Sales', text: JSON.stringify(totals) }, done); // @either -- a promise when done is not a function
}

ff.http('salesReport', async (req, res) => { // @not-promise
  const to = Date.now(); // @not-promise
  const from = to - 7 * 24 * 3600 * 1000; // @not-promise
  const totals = await collectTotals(from, to); // @promise
  await mailReport('sales@acme.test', totals); // @promise
  const { data: fx } = await axios({ method: 'get', url: 'https://rates.acme.test/eur.json' }); // @promise
  res.json({ ...totals, fx }); // @not-promise
});

ff.http('salesReportQuick', (req, res) => { // @not-promise
  collectTotals(0, Date.now()) // @promise
    .then((totals) => mailReportLater('sales@acme.test', totals, () => {}))
    .finally(() => res.status(202).end());
});

ff.http('partnerStatus', async (req, res) => { // @not-promise
  try {
    const status = await util.fetchJson('https://partner.test/status'); // @promise
    const text = util.slugify(status.state); // @not-promise
    res.send(text); // @not-promise
  } catch (error) {
    if (axios.isAxiosError(error)) {
      return res.status(502).send(error.message); // @not-promise
    }
    throw error;
  }
});

ff.http('warmup', async (req, res) => { // @not-promise
  const urls = ['https://a.acme.test', 'https://b.acme.test'];
  const warmed = urls.map((url) => fetchJson(url)); // @not-promise -- an array of promises
  await Promise.allSettled(warmed); // @promise
  const pending = fetch('https://c.acme.test/warm'); // @promise -- the global fetch
  const reply = await pending; // @promise -- the init is the stored promise
  res.status(reply.status).end(); // @not-promise
});

export default ff;
