const functions = require('@google-cloud/functions-framework');
const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('events');

functions.http('emit', (req, res) => {
  topic.publishMessage({ json: req.body }, (err, messageId) => {
    if (err) {
      res.status(500).send(err.message);
      return;
    }
    res.status(200).send(messageId);
  });
});
