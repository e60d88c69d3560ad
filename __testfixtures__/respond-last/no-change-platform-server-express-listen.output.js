// An orders service on a VM (or GKE): it listens itself, and keeps its CPU after responding.
const express = require('express');
const { Firestore } = require('@google-cloud/firestore');
const { PubSub } = require('@google-cloud/pubsub');

const app = express();
const orders = express.Router();
const db = new Firestore();
const pubsub = new PubSub();

app.use(express.json());

orders.post('/', async (req, res) => {
  const order = { ...req.body, status: 'received', createdAt: Date.now() };
  const ref = await db.collection('orders').add(order);
  res.status(202).json({ id: ref.id });
  // tell fulfilment; the caller does not wait for it
  await pubsub.topic('orders').publishMessage({ json: { id: ref.id } });
});

app.use('/orders', orders);

app.get('/healthz', (req, res) => {
  res.send('ok');
  console.log('health check from', req.ip);
});

const port = process.env.PORT || 8080;
app.listen(port, () => {
  console.log(`orders service listening on ${port}`);
});
