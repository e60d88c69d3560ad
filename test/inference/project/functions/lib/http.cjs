'use strict';
// Outgoing HTTP: a small JSON client over got, and the partner API over axios.
const axios = require('axios');
const https = require('https');

const partner = axios.create({ // @not-promise
  baseURL: 'https://partner.acme.test/api',
  headers: { authorization: `Bearer ${process.env.PARTNER_TOKEN}` },
});

async function getJson(url) {
  const { default: got } = await import('got'); // @promise -- a dynamic import
  return got(url, { timeout: { request: 4000 } }).json(); // @promise
}

function postPartner(path, body) {
  return partner.post(path, body).then((response) => response.data); // @promise
}

function ping(host, callback) {
  const request = https.get({ host, path: '/healthz', timeout: 2000 }, (response) => { // @not-promise
    response.resume(); // @not-promise
    callback(null, response.statusCode); // @either -- the caller's callback
  });
  request.on('error', (err) => callback(err)); // @not-promise
  return request; // @not-promise
}

function partnerUrl(path) {
  return new URL(path, partner.defaults.baseURL).toString(); // @not-promise
}

module.exports = { getJson, postPartner, ping, partnerUrl };
