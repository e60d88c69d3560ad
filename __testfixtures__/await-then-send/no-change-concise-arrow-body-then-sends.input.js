const express = require('express');
const { listPlans } = require('./plans');

const app = express();

app.get('/plans', (req, res) => listPlans().then((plans) => res.json(plans)));

module.exports = app;
