const express = require('express');
const { requireAuth } = require('./auth');
const { saveComment } = require('./comments');

const app = express();

app.post('/comments', [
  requireAuth,
  async (req, res) => {
    await saveComment(req.user.uid, req.body.text);
    res.sendStatus(200);
  },
]);

module.exports = app;
