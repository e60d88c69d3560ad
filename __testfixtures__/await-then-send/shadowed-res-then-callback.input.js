const functions = require('@google-cloud/functions-framework');

functions.http('refreshRates', (req, res) => {
  return fetch('https://api.example.com/rates')
    .then((res) => res.json())
    .then((rates) => saveRates(rates));
});

function saveRates(rates) {
  return require('./store').put('rates', rates);
}
