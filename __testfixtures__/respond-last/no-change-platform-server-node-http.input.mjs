// A Node http server in a container with CPU always allocated: the audit write after the
// response still runs.
import { createServer } from 'node:http';
import { appendFile } from 'node:fs/promises';

const server = createServer(async (req, res) => {
  const started = Date.now();
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('pong');
  await appendFile('/var/log/ping/audit.log', `${req.method} ${req.url} ${Date.now() - started}ms\n`);
});

server.listen(Number(process.env.PORT ?? 3000));
