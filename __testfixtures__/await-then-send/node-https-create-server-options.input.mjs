import https from 'node:https';
import { readFileSync } from 'node:fs';
import { recordMetric } from './metrics.mjs';

const options = { key: readFileSync('key.pem'), cert: readFileSync('cert.pem') };

https
  .createServer(options, function (req, res) {
    return recordMetric('request', { path: req.url });
  })
  .listen(8443);
