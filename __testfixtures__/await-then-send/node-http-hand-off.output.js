const http = require('http');
const { serveStatic, logRequest } = require('./static');

http
  .createServer(async (req, res) => {
    if (req.url === '/favicon.ico') {
      await logRequest(req);
      res.end();
      return;
    }
    await serveStatic(req, res);
  })
  .listen(3000);
