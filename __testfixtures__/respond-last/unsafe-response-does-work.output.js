const express = require('express');
const { MongoClient } = require('mongodb');

const router = express.Router();

router.get('/events', async (req, res) => {
  const client = await MongoClient.connect(process.env.MONGO_URL);
  const events = client.db('app').collection('events');
  res.json(await events.find({}).toArray());
  await client.close();
});

const cache = new Map();
router.delete('/cache', (req, res) => {
  res.json({ dropped: cache.size, keys: [...cache.keys()] });
  cache.clear();
});
