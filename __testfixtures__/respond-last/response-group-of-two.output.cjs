const ff = require('@google-cloud/functions-framework');

ff.http('done', async (req, res) => {
  res.set('Cache-Control', 'no-store');
  await queue.push(req.body);
  res.send('done');
  res.end();
});
