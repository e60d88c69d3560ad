const { Logging } = require('@google-cloud/logging');

const log = new Logging().log('client-errors');

module.exports = async function reportClientError(req, res) {
  const entry = log.entry({ resource: { type: 'global' } }, req.body);
  await log.write(entry);
  res.sendStatus(200);
};
