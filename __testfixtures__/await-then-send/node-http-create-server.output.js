const http = require('http');
const { Firestore } = require('@google-cloud/firestore');

const firestore = new Firestore();

const server = http.createServer(async (req, res) => {
  await firestore.collection('pings').add({ url: req.url, at: Date.now() });
  res.end();
});

server.listen(process.env.PORT || 8080);
