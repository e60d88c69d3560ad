const functions = require('@google-cloud/functions-framework');

functions.http('health', (req, res) => {
  return 'ok';
});

functions.http('version', (req, res) => {
  const data = { version: process.env.K_REVISION };
  return { data };
});

functions.http('greet', (req, res) => {
  return `hello ${req.query.name}`;
});
