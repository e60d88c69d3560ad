const functions = require('@google-cloud/functions-framework');
const cors = require('cors')();

functions.http('legacyHealth', (req, res) => {
  // sendlast-disable-next-line -- served by a proxy that turns the return value into the body
  return 'ok';
});

functions.http('corsWrapped', (req, res) => {
  // sendlast-disable-next-line await-then-send
  return cors(req, res, () => res.send('hi'));
});
