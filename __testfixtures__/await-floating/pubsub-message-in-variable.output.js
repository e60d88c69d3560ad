const functions = require('@google-cloud/functions-framework');
const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('orders');

functions.http('queueOrder', async (req, res) => {
  const message = { json: { orderId: req.body.orderId, placedAt: Date.now() } };
  await topic.publishMessage(message);
  res.status(202).send('queued');
});
