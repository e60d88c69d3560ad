const { Logging } = require('@google-cloud/logging');

const log = new Logging().log('client-errors');

module.exports = function reportClientError(req, res) {
  const entry = log.entry({ resource: { type: 'global' } }, req.body);
  return log.write(entry);
};
