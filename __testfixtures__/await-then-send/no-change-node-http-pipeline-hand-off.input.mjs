import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/csv' });
  return pipeline(createReadStream('./export.csv'), res);
}).listen(8080);
