const http = require('http');
const { renderPage } = require('./render');

http
  .createServer((req, res) => {
    const page = renderPage(req.url);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(page);
    req.socket.destroy();
  })
  .listen(8080);
