import express from 'express';

const router = express.Router();
router.get('/widget', (req, res) => {
  res.status(200).jsonp({ widget: true });
});
