const functions = require('@google-cloud/functions-framework');

functions.http('ping', (req, res) => {
  // keep a trace of every ping
  console.log('ping from', req.ip);
  res.status(204).end();
});
