const { createServer } = require('node:http');
const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('beacons');
const server = createServer();

server.on('request', async (req, res) => {
  await topic.publishMessage({ json: { ua: req.headers['user-agent'] } });
  res.end();
});

server.listen(8080);
