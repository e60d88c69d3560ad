import express from 'express';
import { recordClick } from './clicks.mjs';

export const app = express();

app.post('/click', async (req, res) => {
  await recordClick(req.body.id);
  res.sendStatus(200);
});
