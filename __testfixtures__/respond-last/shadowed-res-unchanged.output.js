const request = require('request');

exports.proxy = (req, res) => {
  request.get('https://example.com', (error, res, body) => {
    res.send(body);
    cache.put(body);
  });
  res.send('queued');
};
