const functions = require('firebase-functions');
const https = require('https');

exports.warmUp = functions.https.onRequest((req, res) => {
  return new Promise((resolve, reject) => {
    https
      .get(process.env.WARMUP_URL, (res) => {
        res.resume();
        res.on('end', resolve);
      })
      .on('error', reject);
  });
});
