const functions = require('@google-cloud/functions-framework');
const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('metrics');

functions.http('metrics', async (req, res) => {
  // sendlast-disable-next-line await-floating
  topic.publishMessage({ json: { path: req.path } });
  await topic.publishMessage({ json: { path: req.path, kind: 'audit' } });
  res.sendStatus(204);
});
