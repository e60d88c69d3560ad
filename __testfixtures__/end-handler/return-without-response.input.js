const functions = require('@google-cloud/functions-framework');
const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('inventory-events');

functions.http('inventoryWebhook', async (req, res) => {
  const event = req.body;
  if (event.type === 'heartbeat') return;
  switch (event.type) {
    case 'ping':
      res.send('pong');
      return;
    case 'restock':
      await topic.publishMessage({ json: event });
      return;
    default:
      res.status(422).send(`unknown event ${event.type}`);
  }
});

functions.http('inventoryAudit', async (req, res) => {
  if (!req.body.sku) return null;
  await topic.publishMessage({ json: { type: 'audit', sku: req.body.sku } });
  res.send('audit queued');
});
