import express from 'express';
import { recordClick } from './clicks.mjs';

export const app = express();

app.post('/click', (req, res) => recordClick(req.body.id));
