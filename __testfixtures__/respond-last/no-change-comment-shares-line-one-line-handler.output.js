const express = require('express');
const { PubSub } = require('@google-cloud/pubsub');

const pubsub = new PubSub();
const app = express();
app.use(express.json());

// Short handlers kept on one line.
app.post('/events', async (req, res) => { res.sendStatus(202); /* published once answered */ await pubsub.topic('events').publishMessage({ json: req.body }); });
app.get('/health', (req, res) => res.send('ok'));

module.exports = app;
