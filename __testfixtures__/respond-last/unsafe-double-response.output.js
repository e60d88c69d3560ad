const express = require('express');
const app = express();

app.get('/twice', async (req, res) => {
  res.send('first');
  await audit(req);
  res.send('second');
});
