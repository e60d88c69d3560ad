const http = require('http');
const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

const server = http.createServer((req, res) => {
  return firestore.collection('pings').add({ url: req.url, at: Date.now() });
});

server.listen(process.env.PORT || 8080);
