const http = require('http');

http.createServer((req, res) => {
  res.send(200);
}).listen(3000);
