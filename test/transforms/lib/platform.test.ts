/**
 * `--platform server`: which handlers run on a standalone server (evidence: the call that serves
 * them), and which a function registration may reach (everything else).
 */
import { applyTransforms } from '../../../transforms';
import { getServerEvidence } from '../../../transforms/lib/platform';
import { createSourceFile } from '../../../transforms/lib/source-file';

/** Each handler as "kind@line: server <evidence>" or "kind@line: functions". */
function platforms(source: string): string[] {
  const file = createSourceFile(source, 'babel');
  return file.handlers.map((handler) => {
    const evidence = getServerEvidence(handler);
    const where = `${handler.kind}@${handler.path.node.loc!.start.line}`;
    return evidence ? `${where}: server ${source.slice(evidence.node.start!, evidence.node.end!).split('(')[0]}` : `${where}: functions`;
  });
}

const APP = "const express = require('express');\nconst app = express();\napp.post('/a', (req, res) => { res.send('ok'); });\n";
const ROUTER =
  "const express = require('express');\nconst app = express();\nconst api = express.Router();\napi.get('/a', (req, res) => { res.send('ok'); });\n";

describe('standalone servers', () => {
  test.each([
    ['an Express app that listens', `${APP}app.listen(8080);\n`, ['express@3: server app.listen']],
    ['a server kept in a variable', `${APP}const server = app.listen(8080);\nserver.on('close', () => {});\n`, ['express@3: server app.listen']],
    [
      'an app served by http.createServer',
      `${APP}const http = require('http');\nhttp.createServer(app).listen(8080);\n`,
      ['express@3: server http.createServer'],
    ],
    ['a router mounted on an app that listens', `${ROUTER}app.use('/api', api);\napp.listen(8080);\n`, ['express@4: server app.listen']],
    [
      'a router mounted on a router mounted on an app that listens',
      `${ROUTER}const v1 = express.Router();\nv1.use('/x', api);\napp.use('/v1', v1);\napp.listen(8080);\n`,
      ['express@4: server app.listen'],
    ],
    [
      'a route chain',
      "const express = require('express');\nconst app = express();\napp.route('/a').get((req, res) => { res.send('a'); }).post((req, res) => { res.send('b'); });\napp.listen(3000);\n",
      ['express@3: server app.listen', 'express@3: server app.listen'],
    ],
    [
      'a named handler used by two routes',
      `const express = require('express');\nconst app = express();\nfunction ok(req, res) { res.send('ok'); }\napp.get('/a', ok);\napp.get('/b', ok);\napp.listen(3000);\n`,
      ['express@3: server app.listen'],
    ],
    [
      'a Node http listener',
      "const http = require('node:http');\nhttp.createServer((req, res) => { res.end('ok'); }).listen(3000);\n",
      ['node-http@2: server http.createServer'],
    ],
    [
      "a server's request listener",
      "const http = require('http');\nconst server = http.createServer();\nserver.on('request', (req, res) => { res.end('ok'); });\nserver.listen(3000);\n",
      ['node-http@3: server server.on'],
    ],
  ])('%s', (_name, source, expected) => {
    expect(platforms(source)).toEqual(expected);
  });
});

describe('reachable from a function registration (or cannot be told): functions', () => {
  test.each([
    ['an app passed to onRequest', `${APP}app.listen(8080);\nconst { onRequest } = require('firebase-functions/v2/https');\nexports.api = onRequest(app);\n`],
    ['an app passed to functions.https.onRequest', `${APP}const functions = require('firebase-functions');\nexports.api = functions.https.onRequest(app);\n`],
    ['an app passed to functions.http', `${APP}const ff = require('@google-cloud/functions-framework');\nff.http('api', app);\n`],
    ['an app exported as a function target', `${APP}exports.api = app;\n`],
    ['an app exported from its module, and listening', `${APP}module.exports = app;\nif (require.main === module) app.listen(8080);\n`],
    [
      'an app declared exported',
      "const express = require('express');\nexport const app = express();\napp.post('/a', (req, res) => { res.send('ok'); });\napp.listen(8080);\n",
    ],
    ['an app exported by default', `${APP}app.listen(8080);\nexport default app;\n`],
    ['an app handed to another call', `${APP}const serverless = require('serverless-http');\nmodule.exports.handler = serverless(app);\n`],
    [
      'an app called by a function handler',
      `${APP}app.listen(8080);\nconst ff = require('@google-cloud/functions-framework');\nff.http('api', (req, res) => app(req, res));\n`,
    ],
    [
      'an app whose handle() a function calls',
      `${APP}app.listen(8080);\nconst ff = require('@google-cloud/functions-framework');\nff.http('api', (req, res) => app.handle(req, res));\n`,
    ],
    [
      'a router mounted on an app passed to onRequest',
      `${ROUTER}app.use('/api', api);\nconst { onRequest } = require('firebase-functions/v2/https');\nexports.api = onRequest(app);\n`,
    ],
    ['a router exported from its module', `${ROUTER}module.exports = api;\n`],
    ['an app that nothing serves in this file', APP],
    [
      'an app returned by a factory',
      "const express = require('express');\nfunction createApp() {\n  const app = express();\n  app.post('/a', (req, res) => { res.send('ok'); });\n  return app;\n}\ncreateApp().listen(8080);\n",
    ],
    [
      'a handler also exported',
      `const express = require('express');\nconst app = express();\nfunction ok(req, res) { res.send('ok'); }\napp.get('/a', ok);\nexports.ok = ok;\napp.listen(8080);\n`,
    ],
  ])('%s', (_name, source) => {
    const found = platforms(source);
    expect(found.length).toBeGreaterThan(0);
    for (const line of found) expect(line).toMatch(/: functions$/);
  });

  test('registrations and exported handlers are functions', () => {
    const source = [
      "const ff = require('@google-cloud/functions-framework');",
      "const functions = require('firebase-functions');",
      "ff.http('a', (req, res) => { res.send('a'); });",
      "exports.b = functions.https.onRequest((req, res) => { res.send('b'); });",
      "exports.c = (req, res) => { res.send('c'); };",
      '',
    ].join('\n');
    expect(platforms(source)).toEqual(['functions-framework@3: functions', 'firebase@4: functions', 'export@5: functions']);
  });
});

test('respond-last moves work after the response by default, and reports it on a standalone server with --platform server', () => {
  const source = `${APP.replace("res.send('ok'); }", "res.send('ok'); audit.record(req.body); }")}app.listen(8080);\n`;
  const functions = applyTransforms(source, { path: 'server.js', transforms: ['respond-last'] });
  expect(functions.output).toContain("{ await audit.record(req.body); res.send('ok'); }");
  const server = applyTransforms(source, { path: 'server.js', transforms: ['respond-last'], transformOptions: { platform: 'server' } });
  expect(server.changed).toBe(false);
  expect(server.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([['respond-last/work-after-response-on-server', 'info', 3]]);
  expect(server.findings[0]!.message).toBe(
    "left where it is (--platform server): this handler is served by a standalone server (`app.listen(...)`, line 4) that keeps its CPU after responding, and no function registration reaches it, so the work after the response `res.send('ok')` runs; moving it before the response would only delay the response",
  );
  // await-then-send applies on every platform.
  const returned = `${APP.replace("{ res.send('ok'); }", '{ return audit.record(req.body); }')}app.listen(8080);\n`;
  expect(applyTransforms(returned, { path: 'server.js', transformOptions: { platform: 'server' } }).output).toContain(
    'await audit.record(req.body); res.sendStatus(200);',
  );
});

test('--platform server still reports a second response after the response', () => {
  const source = `${APP.replace("res.send('ok'); }", "res.send('ok'); if (req.query.debug) res.send(req.body); }")}app.listen(8080);\n`;
  const result = applyTransforms(source, { path: 'server.js', transforms: ['respond-last'], transformOptions: { platform: 'server' } });
  expect(result.findings.map((f) => f.rule)).toEqual(['respond-last/second-response']);
});
