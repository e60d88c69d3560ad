const functions = require('@google-cloud/functions-framework');

// Registered while the webhook is being built; deployed by mistake, it answers nobody.
functions.http('stripeWebhook', (req, res) => {
  // TODO: verify the signature and record the event
});
