const app = require('express')();
const { recordSignal } = require('./signals');

app.post('/signals', async function handleSignal(req, res) {
  await recordSignal(req.body);
  res.sendStatus(200);
});

module.exports = app;
