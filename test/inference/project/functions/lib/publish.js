'use strict';
// Pub/Sub events for the fulfilment pipeline.
const { PubSub } = require('@google-cloud/pubsub');

const pubsub = new PubSub(); // @not-promise
const ordersTopic = pubsub.topic('orders'); // @not-promise

module.exports.publishOrderCreated = function publishOrderCreated(order) {
  return ordersTopic.publishMessage({ json: { type: 'order.created', order } }); // @promise
};

module.exports.publishOrderShipped = async function publishOrderShipped(orderId, carrier) {
  const messageId = await pubsub // @promise
    .topic('shipments')
    .publishMessage({ data: Buffer.from(JSON.stringify({ orderId, carrier })) });
  return messageId; // @not-promise -- the awaited id
};

// Callback form: publishMessage returns nothing when given a callback.
module.exports.publishAudit = function publishAudit(entry) {
  pubsub.topic('audit').publishMessage({ json: entry }, (err) => { // @not-promise
    if (err) console.error('audit publish failed', err); // @not-promise
  });
};

module.exports.topicName = (name) => `projects/${process.env.GCLOUD_PROJECT}/topics/${name}`;

module.exports.publishAll = function publishAll(events) {
  const pending = events.map((event) => ordersTopic.publishMessage({ json: event })); // @either -- events is the caller's
  return Promise.all(pending); // @promise
};
