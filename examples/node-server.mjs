/**
 * A tiny analytics beacon collector on Node's http module (no framework), e.g. for Cloud Run.
 */
import http from 'node:http';
import { Firestore } from '@google-cloud/firestore';

const db = new Firestore();

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);

  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
    return;
  }

  if (req.method === 'POST' && url.pathname === '/beacon') {
    return db.collection('beacons').add({
      page: url.searchParams.get('page'),
      userAgent: req.headers['user-agent'] ?? null,
      receivedAt: new Date(),
    });
  }

  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
});

server.listen(Number(process.env.PORT) || 8080, () => {
  console.log(`beacon collector listening on ${server.address().port}`);
});
