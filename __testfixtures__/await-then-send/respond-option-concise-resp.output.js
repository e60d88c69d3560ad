const functions = require('@google-cloud/functions-framework');
const { recordHit } = require('./hits');

functions.http('hit', async (req, resp) => {
  await recordHit(req.path);
  resp.status(204).end();
});
