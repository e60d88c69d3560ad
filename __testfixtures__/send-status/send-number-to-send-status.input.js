const express = require('express');
const app = express();

app.get('/health', (req, res) => {
  res.send(200);
});

app.get('/gone', (req, res) => res.send(410));
