const functions = require('@google-cloud/functions-framework');
const express = require('express');

const app = express();
app.get('/hello', (req, res) => res.send('hello'));

functions.http('api', (req, res) => {
  req.url = req.url.replace(/^\/api/, '') || '/';
  return app(req, res);
});
