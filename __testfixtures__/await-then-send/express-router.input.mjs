import express from 'express';
import { PubSub } from '@google-cloud/pubsub';

const pubsub = new PubSub();
export const router = express.Router();

router.put('/devices/:id', (req, res) => {
  const message = { json: { id: req.params.id, config: req.body } };
  return pubsub.topic('device-config').publishMessage(message);
});

router.delete('/devices/:id', async (req, res) => {
  return pubsub.topic('device-removed').publishMessage({ json: { id: req.params.id } });
});
