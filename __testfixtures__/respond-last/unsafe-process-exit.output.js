const http = require('http');

http.createServer((req, res) => {
  res.end('bye');
  db.close();
  process.exit(0);
});
