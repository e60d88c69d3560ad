/**
 * Generated handler files planted into the benchmark corpus, so a run over it does real rewriting
 * work and the benchmark can check how many files changed.
 *
 * Every *positive* file holds at least one anti-pattern that the transforms rewrite with
 * certainty (a handler-level `return <promise>`, `res.send(<status literal>)`, an unawaited call
 * after the response); every *negative* file holds code that must stay byte-identical (background
 * functions that rightly return promises, handlers that already respond last, callbacks whose
 * `response` is not a handler's). Output depends only on the seed and the index.
 */

export interface PlantedFile {
  /** Path relative to the planted folder. */
  path: string;
  text: string;
  /** True when a run with all transforms must change this file. */
  expectChange: boolean;
  /** The shapes used, for messages when expectations fail. */
  shapes: string[];
}

/** Small, fast, seeded PRNG (mulberry32). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const NOUNS = ['order', 'invoice', 'user', 'report', 'upload', 'webhook', 'payment', 'session', 'event', 'ticket'];
const VERBS = ['create', 'update', 'sync', 'record', 'process', 'import', 'notify', 'archive', 'refresh', 'export'];
const STATUSES = [200, 201, 202, 204, 400, 401, 403, 404, 409, 500];

interface Names {
  fn: string;
  collection: string;
  route: string;
  status: number;
}

function getNames(random: Random, index: number): Names {
  const verb = pick(random, VERBS);
  const noun = pick(random, NOUNS);
  return {
    fn: `${verb}${noun[0]!.toUpperCase()}${noun.slice(1)}${index}`,
    collection: `${noun}s`,
    route: `/${noun}s/${verb}`,
    status: pick(random, STATUSES),
  };
}

type Module = 'cjs' | 'esm' | 'ts';

/** One handler body with an anti-pattern; `res` and `req` are the handler's parameters. */
type Body = (n: Names, indent: string) => string[];

const POSITIVE_BODIES: Record<string, Body> = {
  'return-promise': (n, i) => [`${i}const doc = { at: Date.now(), body: req.body };`, `${i}return db.collection('${n.collection}').add(doc);`],
  // Responds only when the document exists: a guarded response is added after the awaited chain.
  'return-then-send-if-found': (n, i) => [
    `${i}return db.collection('${n.collection}').doc(req.query.id).get().then((snap) => {`,
    `${i}  if (snap.exists) res.json(snap.data());`,
    `${i}});`,
  ],
  'send-status-literal': (n, i) => [`${i}if (!req.body) {`, `${i}  res.send(400);`, `${i}  return;`, `${i}}`, `${i}res.send(${n.status});`],
  'send-status-body': (n, i) => [`${i}const result = { id: req.params.id, ok: true };`, `${i}res.json(${n.status === 204 ? 200 : n.status}, result);`],
  'work-after-send': (n, i) => [
    `${i}res.status(200).send('accepted');`,
    `${i}// record the request once the caller has its answer`,
    `${i}db.collection('${n.collection}').add({ at: Date.now() });`,
  ],
  'log-after-end': (n, i) => [`${i}res.end();`, `${i}console.log('handled ${n.fn}');`],
};

const NEGATIVE_BODIES: Record<string, Body> = {
  'await-then-send': (n, i) => [`${i}await db.collection('${n.collection}').add({ at: Date.now() });`, `${i}res.sendStatus(${n.status});`],
  'early-return-response': (n, i) => [
    `${i}if (!req.query.id) {`,
    `${i}  return res.status(400).send('missing id');`,
    `${i}}`,
    `${i}const snap = await db.collection('${n.collection}').doc(req.query.id).get();`,
    `${i}res.json(snap.data());`,
  ],
};

function getHeader(module: Module, kind: string): string[] {
  const db =
    module === 'cjs'
      ? [`const { Firestore } = require('@google-cloud/firestore');`, `const db = new Firestore();`]
      : [`import { Firestore } from '@google-cloud/firestore';`, `const db = new Firestore();`];
  switch (kind) {
    case 'functions-framework':
      return module === 'cjs'
        ? [`const functions = require('@google-cloud/functions-framework');`, ...db]
        : [`import * as functions from '@google-cloud/functions-framework';`, ...db];
    case 'firebase-v1':
      return module === 'cjs' ? [`const functions = require('firebase-functions');`, ...db] : [`import * as functions from 'firebase-functions/v1';`, ...db];
    case 'firebase-v2':
      return module === 'cjs'
        ? [`const { onRequest } = require('firebase-functions/v2/https');`, ...db]
        : [`import { onRequest } from 'firebase-functions/v2/https';`, ...db];
    case 'express':
      return module === 'cjs'
        ? [`const express = require('express');`, ...db, ``, `const app = express();`]
        : [`import express from 'express';`, ...db, ``, `const app = express();`];
    default:
      return db;
  }
}

function getParams(module: Module, kind: string): string {
  if (module !== 'ts') return '(req, res)';
  return kind === 'express' || kind === 'exports' ? '(req: Request, res: Response)' : '(req: any, res: any)';
}

/** A handler of registration `kind` whose body is `body`, as lines. */
function getHandler(module: Module, kind: string, n: Names, body: string[], isAsync: boolean): string[] {
  const a = isAsync ? 'async ' : '';
  const params = getParams(module, kind);
  switch (kind) {
    case 'functions-framework':
      return [`functions.http('${n.fn}', ${a}${params} => {`, ...body, `});`];
    case 'firebase-v1': {
      const target = module === 'cjs' ? `exports.${n.fn} = ` : `export const ${n.fn} = `;
      return [`${target}functions.https.onRequest(${a}${params} => {`, ...body, `});`];
    }
    case 'firebase-v2': {
      const target = module === 'cjs' ? `exports.${n.fn} = ` : `export const ${n.fn} = `;
      return [`${target}onRequest({ region: 'europe-west1' }, ${a}${params} => {`, ...body, `});`];
    }
    case 'express':
      return [`app.post('${n.route}', ${a}${params} => {`, ...body, `});`];
    default:
      return module === 'cjs' ? [`exports.${n.fn} = ${a}${params} => {`, ...body, `};`] : [`export ${a}function ${n.fn}${params} {`, ...body, `}`];
  }
}

const KINDS = ['functions-framework', 'firebase-v1', 'firebase-v2', 'express', 'exports'] as const;

/** Background functions and non-handler callbacks: returning a promise is right there. */
function getBackgroundFile(module: Module, n: Names): string[] {
  if (module === 'cjs') {
    return [
      `const functions = require('firebase-functions');`,
      `const request = require('request');`,
      ``,
      `exports.${n.fn} = functions.pubsub.topic('${n.collection}').onPublish((message, context) => {`,
      `  return db.collection('${n.collection}').add(message.json);`,
      `});`,
      ``,
      `exports.${n.fn}Call = functions.https.onCall((data, context) => {`,
      `  return db.collection('${n.collection}').doc(data.id).get();`,
      `});`,
      ``,
      `request.get('https://example.com${n.route}', (error, response, body) => {`,
      `  response.send(200);`,
      `});`,
    ];
  }
  return [
    `import { onDocumentCreated } from 'firebase-functions/v2/firestore';`,
    `import { onCall } from 'firebase-functions/v2/https';`,
    ``,
    `export const ${n.fn} = onDocumentCreated('${n.collection}/{id}', (event) => {`,
    `  return db.collection('audit').add({ id: event.params.id });`,
    `});`,
    ``,
    `export const ${n.fn}Call = onCall(async (request, response) => {`,
    `  return db.collection('${n.collection}').doc(request.data.id).get();`,
    `});`,
  ];
}

const EXTENSIONS: Record<Module, readonly string[]> = { cjs: ['.js', '.cjs'], esm: ['.mjs', '.js'], ts: ['.ts', '.mts', '.tsx'] };

/**
 * Generate `count` planted files, `negativeEvery`-th ones being negatives (0: none).
 * Deterministic for a given seed.
 */
export function generatePlantedFiles(count: number, seed: number, negativeEvery = 5): PlantedFile[] {
  const random = createRandom(seed);
  const files: PlantedFile[] = [];
  for (let index = 0; index < count; index++) {
    const module = pick(random, ['cjs', 'esm', 'ts'] as const);
    const ext = pick(random, EXTENSIONS[module]);
    const negative = negativeEvery > 0 && index % negativeEvery === negativeEvery - 1;
    const crlf = random() < 0.1;
    const lines: string[] = [`// Generated by sendlast's benchmark (planted file ${index}).`];
    const shapes: string[] = [];
    if (negative && random() < 0.5) {
      const n = getNames(random, index);
      lines.push(...getHeader(module, 'none'), ``, ...getBackgroundFile(module, n));
      shapes.push('background');
    } else {
      const kind = pick(random, KINDS);
      lines.push(...getHeader(module, kind));
      if (module === 'ts' && (kind === 'express' || kind === 'exports')) {
        lines.push(`import type { Request, Response } from 'express';`);
      }
      const handlers = 1 + Math.floor(random() * 3);
      for (let h = 0; h < handlers; h++) {
        const n = getNames(random, index * 10 + h);
        const bodies = negative ? NEGATIVE_BODIES : POSITIVE_BODIES;
        // An untyped exported `(req, res)` function counts as a handler only when it uses `res`.
        const usable = Object.keys(bodies).filter((s) => !(kind === 'exports' && module !== 'ts' && s === 'return-promise'));
        const shape = pick(random, usable);
        const body = bodies[shape]!(n, '  ');
        const isAsync = negative || random() < 0.3;
        lines.push(``, ...getHandler(module, kind, n, body, isAsync));
        shapes.push(`${kind}/${shape}`);
      }
      if (kind === 'express') lines.push(``, module === 'cjs' ? `module.exports = app;` : `export default app;`);
    }
    lines.push(``);
    const name = `${negative ? 'unchanged' : 'handler'}-${String(index).padStart(4, '0')}${ext}`;
    files.push({ path: name, text: lines.join(crlf ? '\r\n' : '\n'), expectChange: !negative, shapes });
  }
  return files;
}
