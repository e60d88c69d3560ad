const functions = require('@google-cloud/functions-framework');
const { flushQueue } = require('./queue');

functions.http('flush', (req, res) => {
  return flushQueue(req.query.queue).finally(() => res.status(204).end());
});
