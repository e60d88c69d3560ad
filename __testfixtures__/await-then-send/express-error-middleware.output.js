const express = require('express');
const { ErrorReporting } = require('@google-cloud/error-reporting');

const errors = new ErrorReporting();
const app = express();

app.get('/health', (req, res) => res.send('ok'));

app.use(async (err, req, res, next) => {
  await errors.report(err).then(() => res.status(500).json({ error: 'internal' }));
});

module.exports = app;
