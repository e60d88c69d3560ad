const functions = require('@google-cloud/functions-framework');

functions.http('refreshRates', async (req, res) => {
  await fetch('https://api.example.com/rates')
    .then((res) => res.json())
    .then((rates) => saveRates(rates));
  res.sendStatus(200);
});

function saveRates(rates) {
  return require('./store').put('rates', rates);
}
