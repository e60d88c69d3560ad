const axios = require('axios');
const express = require('express');
const app = express();

app.get('/proxy', (req, res) => {
  other.send(200);
  socket.send(201, 'x');
  [1].forEach((res) => res.send(200));
  axios.get(url).then((res) => res.json(400, {}));
  res.sendStatus(200);
});
