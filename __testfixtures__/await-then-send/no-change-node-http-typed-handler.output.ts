import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import { renderMetrics } from './metrics';

function serveMetrics(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Content-Type', 'text/plain; version=0.0.4');
  return renderMetrics().then((text) => res.end(text));
}

createServer(serveMetrics).listen(9464);
