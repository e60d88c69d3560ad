import express from 'express';
import { PubSub } from '@google-cloud/pubsub';

const pubsub = new PubSub();
export const router = express.Router();

router.put('/devices/:id', async (req, res) => {
  const message = { json: { id: req.params.id, config: req.body } };
  await pubsub.topic('device-config').publishMessage(message);
  res.sendStatus(200);
});

router.delete('/devices/:id', async (req, res) => {
  await pubsub.topic('device-removed').publishMessage({ json: { id: req.params.id } });
  res.sendStatus(200);
});
