const http = require('http');
const { Firestore } = require('@google-cloud/firestore');

const db = new Firestore();

const server = http.createServer(async (req, res) => {
  await db.collection('hits').add({ url: req.url, at: Date.now() });
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('ok');
});

server.listen(process.env.PORT || 8080);
