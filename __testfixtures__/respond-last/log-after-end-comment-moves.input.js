const functions = require('@google-cloud/functions-framework');

functions.http('ping', (req, res) => {
  res.status(204).end();
  // keep a trace of every ping
  console.log('ping from', req.ip);
});
