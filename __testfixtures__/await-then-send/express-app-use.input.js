const express = require('express');
const { handleStripeEvent } = require('./billing');

const app = express();

app.use('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  return handleStripeEvent(req.headers['stripe-signature'], req.body);
});

module.exports = app;
