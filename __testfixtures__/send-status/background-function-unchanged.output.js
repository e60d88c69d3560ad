const functions = require('firebase-functions');

exports.worker = functions.pubsub.topic('t').onPublish((message, context) => {
  channel.send(200);
  return reply.json(400, { error: 'x' });
});
