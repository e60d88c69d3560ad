const express = require('express');
const { StatusCodes } = require('http-status-codes');
const app = express();

app.use((err, req, res, next) => {
  const code = err.statusCode || 500;
  res.send(code);
  res.send(err.status, err.message);
  res.json(code, { error: err.message });
  res.redirect('/error', code);
  res.send(StatusCodes.OK);
  res.send(body, code);
});
