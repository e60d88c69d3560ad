const http = require('http');
const fs = require('fs/promises');

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET') {
    const page = await fs.readFile('./public/index.html');
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(page);
    return;
  }
  await fs.appendFile('./requests.log', `${req.method} ${req.url}\n`);
});

server.listen(8080);
