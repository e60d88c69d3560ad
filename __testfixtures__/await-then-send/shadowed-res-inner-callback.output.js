const functions = require('firebase-functions');
const https = require('https');

exports.warmUp = functions.https.onRequest(async (req, res) => {
  await new Promise((resolve, reject) => {
    https
      .get(process.env.WARMUP_URL, (res) => {
        res.resume();
        res.on('end', resolve);
      })
      .on('error', reject);
  });
  res.sendStatus(200);
});
