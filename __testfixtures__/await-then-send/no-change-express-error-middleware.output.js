const express = require('express');
const { ErrorReporting } = require('@google-cloud/error-reporting');

const errors = new ErrorReporting();
const app = express();

app.get('/health', (req, res) => res.send('ok'));

app.use((err, req, res, next) => {
  return errors.report(err).then(() => res.status(500).json({ error: 'internal' }));
});

module.exports = app;
