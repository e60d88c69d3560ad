const functions = require('@google-cloud/functions-framework');
const { PubSub } = require('@google-cloud/pubsub');

const pubsub = new PubSub();

functions.http('publish', async (req, res) => {
  const topic = pubsub.topic(req.body.topic);
  const message = Buffer.from(JSON.stringify({ text: req.body.message }), 'utf8');
  try {
    await topic.publishMessage({ data: message });
    res.status(200).send('Message published.');
  } catch (err) {
    console.error(err);
    res.status(500).send(err.message);
  }
});
