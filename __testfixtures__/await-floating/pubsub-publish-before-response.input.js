const functions = require('@google-cloud/functions-framework');
const { PubSub } = require('@google-cloud/pubsub');

const pubsub = new PubSub();
const topic = pubsub.topic('thumbnail-jobs');

functions.http('enqueueThumbnail', async (req, res) => {
  const { bucket, name } = req.body;
  if (!bucket || !name) {
    res.status(400).send('bucket and name are required');
    return;
  }
  const data = Buffer.from(JSON.stringify({ bucket, name }));
  topic.publishMessage({ data, attributes: { source: 'http' } });
  res.status(202).send('queued');
});
