const express = require('express');
const { listPlans } = require('./plans');

const app = express();

app.get('/plans', async (req, res) => {
  await listPlans().then((plans) => res.json(plans));
});

module.exports = app;
