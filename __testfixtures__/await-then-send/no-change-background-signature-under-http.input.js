const functions = require('@google-cloud/functions-framework');
const { PubSub } = require('@google-cloud/pubsub');

const topic = new PubSub().topic('audit');

// Copied from a CloudEvent sample: these are not a request and a response.
functions.http('audit', async (event, context) => {
  return topic.publishMessage({ json: { id: context.eventId, data: event.data } });
});
