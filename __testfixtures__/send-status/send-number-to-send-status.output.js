const express = require('express');
const app = express();

app.get('/health', (req, res) => {
  res.sendStatus(200);
});

app.get('/gone', (req, res) => res.sendStatus(410));
