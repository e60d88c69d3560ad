import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import { renderMetrics } from './metrics';

async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('Content-Type', 'text/plain; version=0.0.4');
  await renderMetrics().then((text) => res.end(text));
}

createServer(serveMetrics).listen(9464);
