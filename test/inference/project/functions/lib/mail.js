'use strict';
// Order mails: SMTP through nodemailer, marketing mails through SendGrid.
const nodemailer = require('nodemailer');
const sgMail = require('@sendgrid/mail');

const transporter = nodemailer.createTransport({ // @not-promise
  host: process.env.SMTP_HOST,
  port: 465,
  secure: true,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

sgMail.setApiKey(process.env.SENDGRID_API_KEY); // @not-promise

function formatTotal(cents, currency) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100); // @not-promise
}

function buildReceipt(order) {
  const lines = order.items.map((item) => `${item.quantity} x ${item.name}`); // @either -- order is the caller's
  return { // @not-promise
    from: 'Acme Shop <orders@acme.test>',
    to: order.email,
    subject: `Your order ${order.id}`,
    text: `${lines.join('\n')}\nTotal: ${formatTotal(order.total, order.currency)}`,
  };
}

function sendReceipt(order) {
  const message = buildReceipt(order); // @not-promise
  return transporter.sendMail(message); // @promise
}

async function sendWelcome(email, name) {
  await transporter.sendMail({ // @promise
    from: 'Acme Shop <hello@acme.test>',
    to: email,
    subject: 'Welcome to Acme',
    text: `Hi ${name}, thanks for signing up.`,
  });
  console.log('welcome mail sent to', email); // @not-promise
}

// Callback style: returns nothing; the callback reports the outcome.
function sendAlert(text, done) {
  transporter.sendMail({ to: 'ops@acme.test', subject: 'Alert', text }, (err, info) => { // @not-promise
    if (err) console.error('alert failed', err); // @not-promise
    done(err, info); // @either -- whatever the caller's callback returns
  });
}

function sendNewsletter(to, html) {
  return sgMail.send({ to, from: 'news@acme.test', subject: 'News from Acme', html }); // @promise
}

function verifySmtp() {
  return transporter.verify(); // @promise
}

module.exports = { buildReceipt, sendReceipt, sendWelcome, sendAlert, sendNewsletter, verifySmtp, formatTotal };

// Checked once per instance; handlers that send mail wait for it.
Object.assign(module.exports, { smtpReady: verifySmtp().catch(() => false) });
