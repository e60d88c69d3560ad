const functions = require('@google-cloud/functions-framework');
const { flushQueue } = require('./queue');

functions.http('flush', async (req, res) => {
  await flushQueue(req.query.queue).finally(() => res.status(204).end());
});
