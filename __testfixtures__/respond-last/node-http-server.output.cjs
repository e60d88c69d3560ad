const http = require('node:http');

http.createServer(async (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  await hits.increment();
  res.end('hello');
}).listen(8080);
