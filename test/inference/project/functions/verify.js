'use strict';
// Account verification: e-mail domains, password hashes and captcha checks.
const functions = require('firebase-functions/v1');
const crypto = require('crypto');
const dns = require('dns');
const { promisify } = require('util');
const { db } = require('./lib/db');

const scrypt = promisify(crypto.scrypt); // @not-promise
const resolver = new dns.promises.Resolver({ timeout: 2000 }); // @not-promise

exports.hasMailServer = async function hasMailServer(email) {
  const domain = email.split('@').pop(); // @either -- email is the caller's
  try {
    const records = await dns.promises.resolveMx(domain); // @promise
    return records.length > 0;
  } catch {
    return false;
  }
};

exports.hashPassword = function hashPassword(password) {
  const salt = crypto.randomBytes(16); // @not-promise
  return scrypt(password, salt, 64).then((key) => `${salt.toString('hex')}:${key.toString('hex')}`); // @promise
};

exports.verifyCaptcha = async function verifyCaptcha(token) {
  const controller = new AbortController(); // @not-promise
  const timer = setTimeout(() => controller.abort(), 3000); // @not-promise
  try {
    const response = await fetch('https://captcha.acme.test/verify', { // @promise
      method: 'POST',
      body: new URLSearchParams({ secret: process.env.CAPTCHA_SECRET, response: token }),
      signal: controller.signal,
    });
    const result = await response.json(); // @promise
    return result.success === true;
  } finally {
    clearTimeout(timer); // @not-promise
  }
};

exports.register = functions.https.onRequest(async (req, res) => {
  const { email, password, captcha } = req.body;
  const human = exports.verifyCaptcha(captcha); // @promise -- called through the exports object
  const mailOk = await module.exports.hasMailServer(email); // @promise
  if (!(await human) || !mailOk) {
    return res.status(400).json({ error: 'verification failed' }); // @not-promise
  }
  const hash = await exports.hashPassword(password); // @promise
  const ref = db.collection('accounts').doc(); // @not-promise
  const create = ref.create.bind(ref); // @not-promise -- a bound function
  await create({ email, hash, createdAt: Date.now() }); // @promise
  const lookup = await resolver.resolve4('captcha.acme.test').catch(() => []); // @promise
  res.status(201).json({ id: ref.id, resolved: lookup.length }); // @not-promise
});

exports.heartbeat = functions.https.onRequest((req, res) => {
  const interval = setInterval(() => res.write('.'), 1000); // @not-promise
  const signal = AbortSignal.timeout(5000); // @not-promise
  signal.addEventListener('abort', () => { // @not-promise
    clearInterval(interval); // @not-promise
    res.end(); // @not-promise
  });
});
