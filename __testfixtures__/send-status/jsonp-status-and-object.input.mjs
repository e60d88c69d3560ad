import express from 'express';

const router = express.Router();
router.get('/widget', (req, res) => {
  res.jsonp(200, { widget: true });
});
