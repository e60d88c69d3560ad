const { BigQuery } = require('@google-cloud/bigquery');

const bigquery = new BigQuery();

// Legacy Node 6 style background function: (event, context, callback).
exports.loadFile = (event, context, callback) => {
  const file = event;
  return bigquery
    .dataset('raw')
    .table('uploads')
    .insert([{ name: file.name, eventId: context.eventId }])
    .then(() => callback())
    .catch(callback);
};
