const http = require('http');
const { serveStatic, logRequest } = require('./static');

http
  .createServer((req, res) => {
    if (req.url === '/favicon.ico') return logRequest(req);
    return serveStatic(req, res);
  })
  .listen(3000);
