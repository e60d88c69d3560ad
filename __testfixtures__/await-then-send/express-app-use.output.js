const express = require('express');
const { handleStripeEvent } = require('./billing');

const app = express();

app.use('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {
  await handleStripeEvent(req.headers['stripe-signature'], req.body);
  res.sendStatus(200);
});

module.exports = app;
