const { createServer } = require('node:http');
const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('beacons');
const server = createServer();

server.on('request', (req, res) => {
  return topic.publishMessage({ json: { ua: req.headers['user-agent'] } });
});

server.listen(8080);
