/** Handler recognition, table-tested: which functions are HTTP handlers and which response binding they use. */
import { createSourceFile } from '../../../transforms/lib/source-file';
import type { ParserName } from '../../../transforms/lib/types';

/** The handlers of `source` as "kind:resName@line". */
function handlers(source: string, parser: ParserName = 'babel'): string[] {
  return createSourceFile(source, parser).handlers.map((h) => `${h.kind}:${h.res.identifier.name}@${h.path.node.loc!.start.line}`);
}

describe('registrations', () => {
  test.each<[string, string, string[], ParserName?]>([
    ['functions framework require', `const ff = require('@google-cloud/functions-framework');\nff.http('a', (req, res) => {});`, ['functions-framework:res@2']],
    [
      'functions framework named import alias',
      `import { http as h } from '@google-cloud/functions-framework';\nh('a', (q, s) => {});`,
      ['functions-framework:s@2'],
    ],
    [
      'functions framework destructured require',
      `const { http } = require('@google-cloud/functions-framework');\nhttp('a', function (req, res) {});`,
      ['functions-framework:res@2'],
    ],
    [
      'functions framework handler declared first',
      `import * as ff from '@google-cloud/functions-framework';\nfunction h(req, res) {}\nff.http('a', h);`,
      ['functions-framework:res@2'],
    ],
    ['firebase v1', `const functions = require('firebase-functions');\nexports.a = functions.https.onRequest((req, res) => {});`, ['firebase:res@2']],
    [
      'firebase v1 region and runWith chain',
      `const functions = require('firebase-functions/v1');\nexports.a = functions.region('eu').runWith({}).https.onRequest((req, res) => {});`,
      ['firebase:res@2'],
    ],
    [
      'firebase v2 with options',
      `const { onRequest } = require('firebase-functions/v2/https');\nexports.a = onRequest({ cors: true }, (req, res) => {});`,
      ['firebase:res@2'],
    ],
    [
      'firebase https entry point',
      `import { onRequest } from 'firebase-functions/https';\nexport const a = onRequest(async (request, response) => {});`,
      ['firebase:response@2'],
    ],
    ['firebase v2 namespace', `import * as v2 from 'firebase-functions/v2';\nexport const a = v2.https.onRequest((req, res) => {});`, ['firebase:res@2']],
    [
      'express app',
      `const express = require('express');\nconst app = express();\napp.get('/', (req, res) => {});\napp.use((err, req, res, next) => {});`,
      ['express:res@3', 'express:res@4'],
    ],
    ['express router', `import express from 'express';\nconst r = express.Router();\nr.post('/', auth, (req, res) => {});`, ['express:res@3']],
    [
      'express Router import',
      `import { Router } from 'express';\nconst r = Router();\nr.route('/x').get((req, res) => {}).put((rq, rs) => {});`,
      ['express:res@3', 'express:rs@3'],
    ],
    ['node http', `const http = require('node:http');\nhttp.createServer((req, res) => {});`, ['node-http:res@2']],
    [
      'server request event',
      `const http = require('http');\nconst server = http.createServer();\nserver.on('request', (req, res) => {});`,
      ['node-http:res@3'],
    ],
  ])('%s', (...[, source, expected, parser]) => {
    expect(handlers(source, parser)).toEqual(expected);
  });
});

describe('exports', () => {
  test.each<[string, string, string[], ParserName?]>([
    ['exports.name', `exports.a = (req, res) => { return p; };`, ['export:res@1']],
    ['module.exports.name', `module.exports.a = function (req, res) { res.send(1); };`, ['export:res@1']],
    ['module.exports', `module.exports = (req, resp) => {};`, ['export:resp@1']],
    ['module.exports object', `function a(req, res) {}\nmodule.exports = { a, b(req, _res) {} };`, ['export:res@1', 'export:_res@2']],
    ['export const', `export const a = async (req, Response) => {};`, ['export:Response@1']],
    ['export function', `export function a(req, res) {}`, ['export:res@1']],
    ['export default', `export default (req, res) => {};`, ['export:res@1']],
    ['declared then exported', `const a = (req, res) => {};\nexport { a };`, ['export:res@1']],
    ['typed response', `import type { Response } from 'express';\nexport const a = (req: any, out: Response) => {};`, ['export:out@2'], 'ts'],
    [
      'qualified response type',
      `import * as ff from '@google-cloud/functions-framework';\nexport const a = (req: ff.Request, out: ff.Response) => {};`,
      ['export:out@2'],
      'ts',
    ],
    ['used as a response but not named one', `exports.a = (q, out) => { out.status(500).end(); };`, []],
  ])('%s', (...[, source, expected, parser]) => {
    expect(handlers(source, parser)).toEqual(expected);
  });
});

describe('never handlers', () => {
  test.each<[string, string, ParserName?]>([
    ['onCall', `const functions = require('firebase-functions');\nexports.a = functions.https.onCall((data, context) => {});`],
    ['streaming onCall', `import { onCall } from 'firebase-functions/v2/https';\nexport const a = onCall(async (request, response) => {});`],
    ['pubsub', `const functions = require('firebase-functions');\nexports.a = functions.pubsub.topic('t').onPublish((message, context) => {});`],
    ['firestore', `const functions = require('firebase-functions');\nexports.a = functions.firestore.document('a/{b}').onWrite((change, context) => {});`],
    ['background signature', `exports.a = (event, context, callback) => {};`],
    ['data context', `exports.a = (data, context) => {};`],
    ['request library callback', `const request = require('request');\nrequest.get(url, (error, response, body) => {});`],
    ['axios', `const axios = require('axios');\naxios.get('/', (req, res) => {});`],
    ['route on something else', `const app = makeApp();\napp.get('/', (req, res) => {});`],
    ['express shadowed', `const express = require('express');\nfunction f(express) { const app = express(); app.get('/', (req, res) => {}); }`],
    [
      'exported helper called in the file',
      `export async function check(req, res) { res.status(401); }\nexport const h2 = async (x) => { const t = await check(x, x); };`,
    ],
    ['second parameter used as something else', `exports.merge = (a, res) => res.concat(a);`],
    ['destructured second parameter', `exports.a = (req, { send }) => {};`],
    ['missing second parameter', `exports.a = (req) => {};`],
    ['onRequest from another module', `const { onRequest } = require('./my-lib');\nexports.a = onRequest((req, res) => {});`],
    ['exported helper called through exports', `exports.check = (req, res) => verify(req);\nexports.h2 = async (x) => { await exports.check(x, x); };`],
    [
      'exported function also passed to onCall',
      `import { onCall } from 'firebase-functions/v2/https';\nexport async function h(request, response) {}\nexport const c = onCall(h);`,
    ],
    ['module shadowed', `function f(module) { module.exports = (req, res) => {}; }`],
  ])('%s', (...[, source, parser]) => {
    expect(handlers(source, parser)).toEqual([]);
  });
});

describe('a response named otherwise in the body', () => {
  const ff = `const ff = require('@google-cloud/functions-framework');\n`;
  function problems(body: string): Array<string | null> {
    return createSourceFile(`${ff}ff.http('a', (request, response) => {\n${body}\n});`, 'babel').handlers.map((h) => h.problem);
  }

  test.each<[string, string, RegExp | null]>([
    ['an unbound res is reported', 'res.send(1);', /uses `res`, which is not its response parameter `response`/],
    ['an unbound _resp is reported', '_resp.end();', /uses `_resp`/],
    ['an unbound res written with an escape is reported', 'r\\u0065s.send(1);', /uses `res`/],
    ['the response parameter itself is not', 'response.send(1);', null],
    ['a bound res is not', 'const res = response.status(200);\nres.send(1);', null],
    ['a property named res is not', 'response.send(request.res);', null],
    ['a longer name is not', 'const my_res = 1;\nresponse.send(my_res);', null],
    ['a word in a string is not', "response.send('res');", null],
  ])('%s', (_name, body, expected) => {
    const [problem] = problems(body);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeNull();
  });
});

describe('an exported function that nothing registers: its parameters must be used', () => {
  function problem(source: string): string | null | undefined {
    const [handler] = createSourceFile(source, 'babel').handlers;
    return handler?.problem;
  }

  test.each<[string, string, RegExp | null]>([
    ['neither used: left alone', `exports.handler = (req, res) => { return db.doc('a').get(); };`, /uses neither `req` nor `res`/],
    ['the request used', `exports.handler = (req, res) => { return db.doc(req.query.id).get(); };`, null],
    ['the response used', `exports.handler = (req, res) => { res.set('Cache-Control', 'no-store'); return db.doc('a').get(); };`, null],
    ['the request destructured', `exports.handler = ({ query }, res) => { return db.doc(query.id).get(); };`, null],
  ])('%s', (_name, source, expected) => {
    if (expected) expect(problem(source)).toMatch(expected);
    else expect(problem(source)).toBeNull();
  });

  // A second parameter named like a response but only handed on is a response by its name alone:
  // the first parameter must then say request too.
  test.each([
    [
      'a helper that parses a `response` string',
      `exports.onTokenTrigger = (storeId, response) => { return db.collection('logs').add({ response: JSON.parse(response) }); };`,
    ],
    [
      'a destructured first parameter that is not a request',
      `exports.log = ({ id, level }, response) => { return db.collection('logs').add({ id, level, response }); };`,
    ],
  ])('not a handler: %s', (_name, source) => {
    expect(createSourceFile(source, 'babel').handlers.map((h) => h.kind)).toEqual([]);
  });

  test.each([
    ['the response used as one', `exports.h = (storeId, res) => { res.set('Cache-Control', 'no-store'); return db.doc(storeId).get(); };`],
    ['the request typed', `exports.h = (incoming: Request, response) => { return forward(incoming, response); };`],
    ['the request named', `exports.h = (request, response) => { return forward(request, response); };`],
  ])('a handler: %s', (_name, source) => {
    expect(createSourceFile(source, source.includes(': Request') ? 'ts' : 'babel').handlers.map((h) => h.kind)).toEqual(['export']);
  });

  test('a registered handler that uses neither is still a handler: its registration says so', () => {
    const source = `const functions = require('firebase-functions');\nexports.ping = functions.https.onRequest((req, res) => { return db.doc('a').get(); });`;
    expect(problem(source)).toBeNull();
  });
});

test('an unregistered export whose parameters are typed as a request and a response is a handler even if it uses neither', () => {
  const source = `import type { Request, Response } from 'express';\nexport const handler = (req: Request, res: Response) => { return db.doc('a').get(); };`;
  const [handler] = createSourceFile(source, 'ts').handlers;
  expect(handler?.problem).toBeNull();
});
