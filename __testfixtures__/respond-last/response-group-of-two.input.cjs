const ff = require('@google-cloud/functions-framework');

ff.http('done', (req, res) => {
  res.set('Cache-Control', 'no-store');
  res.send('done');
  res.end();
  queue.push(req.body);
});
