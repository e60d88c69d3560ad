const express = require('express');
const { requireAuth } = require('./auth');
const { saveComment } = require('./comments');

const app = express();

app.post('/comments', [
  requireAuth,
  (req, res) => {
    return saveComment(req.user.uid, req.body.text);
  },
]);

module.exports = app;
