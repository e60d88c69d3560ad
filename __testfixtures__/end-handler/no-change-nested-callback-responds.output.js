const http = require('http');
const fs = require('fs');

// The early response is inside a callback: callbacks are never rewritten.
http
  .createServer((req, res) => {
    fs.readFile('./public/status.json', (err, data) => {
      if (err) res.writeHead(500).end('status unavailable');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(data);
    });
  })
  .listen(8080);
