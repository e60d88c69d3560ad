import https from 'node:https';
import { readFileSync } from 'node:fs';
import { recordMetric } from './metrics.mjs';

const options = { key: readFileSync('key.pem'), cert: readFileSync('cert.pem') };

https
  .createServer(options, async function (req, res) {
    await recordMetric('request', { path: req.url });
    res.end();
  })
  .listen(8443);
