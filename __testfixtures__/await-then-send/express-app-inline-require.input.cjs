const app = require('express')();
const { recordSignal } = require('./signals');

app.post('/signals', function handleSignal(req, res) {
  return recordSignal(req.body);
});

module.exports = app;
