/** Response matchers: by binding, chains, statements, and whether an awaited expression responds. */
import type { NodePath } from '@babel/traverse';
import { getExpressionResponse, getResponseCall, getResponseStatement, isNextCallExpression } from '../../../transforms/lib/responses';
import { isRespondedBefore } from '../../../transforms/lib/groups';
import { createSourceFile, getTraverse } from '../../../transforms/lib/source-file';
import { mightContainHandler } from '../../../transforms/lib/filters/precheck';
import { applyEdits, mapOffsetBack } from '../../../transforms/lib/edit/edits';
import { getIndentUnit, getEol, getLineColumn } from '../../../transforms/lib/edit/text';

/** The handler of a one-handler file and the path of the node marked by a `/*@*\/` comment before it. */
function setup(body: string) {
  const source = `exports.h = async (req, res, next) => {\n${body}\n};`;
  const file = createSourceFile(source, 'babel');
  const handler = file.handlers[0]!;
  const mark = source.indexOf('/*@*/') + '/*@*/'.length;
  let found: NodePath | undefined;
  getTraverse()(file.ast, {
    enter(path) {
      if (!found && path.node.start === mark && (path.isStatement() || path.isExpression())) found = path;
    },
  });
  if (!found) throw new Error('no marked node');
  return { handler, path: found };
}

describe('isNextCallExpression: the handler\'s next, or an unbound next', () => {
  test.each([
    ['next()', true],
    ['next(err)', true],
    ['done()', false],
  ])('%s', (code, expected) => {
    const { handler, path } = setup(`  /*@*/${code};`);
    expect(isNextCallExpression(handler, (path as NodePath).get('expression') as NodePath)).toBe(expected);
  });

  test('a shadowing `next` is not the handler\'s', () => {
    const { handler, path } = setup(`  [1].forEach((next) => { /*@*/next(); });`);
    expect(isNextCallExpression(handler, (path as NodePath).get('expression') as NodePath)).toBe(false);
  });

  test('an unbound `next` in a handler without one counts', () => {
    const source = `exports.h = async (req, res) => {\n  next();\n};`;
    const file = createSourceFile(source, 'babel');
    const handler = file.handlers[0]!;
    let call: NodePath | undefined;
    getTraverse()(file.ast, {
      CallExpression(p) {
        call ??= p;
      },
    });
    expect(isNextCallExpression(handler, call!)).toBe(true);
  });
});

describe('getResponseCall', () => {
  test.each([
    ['res.send(1)', 'send', true],
    ['res.status(201).set(h).json(x)', 'json', true],
    ['res.status(201)', 'status', false],
    ['res.sendStatus(204)', 'sendStatus', true],
  ])('%s', (code, method, ending) => {
    const { handler, path } = setup(`  /*@*/${code};`);
    const call = getResponseCall(handler, (path as NodePath).get('expression') as NodePath);
    expect(call?.method).toBe(method);
    expect(call?.ending).toBe(ending);
  });

  test('a shadowing parameter is not the response', () => {
    const { handler, path } = setup(`  get(url, (err, res) => { /*@*/res.send(1); });`);
    expect(getResponseStatement(handler, path)).toBeNull();
  });

  test('another object is not the response', () => {
    const { handler, path } = setup(`  /*@*/other.send(1);`);
    expect(getResponseStatement(handler, path)).toBeNull();
  });

  test('await res.json() is a response statement', () => {
    const { handler, path } = setup(`  /*@*/await res.json(1);`);
    expect(getResponseStatement(handler, path)?.method).toBe('json');
  });
});

describe('isRespondedBefore', () => {
  test.each([
    ['res.send(1);\n  /*@*/return p;', true],
    ['res.send(1);\n  if (a) {\n    /*@*/return p;\n  }', true],
    ['if (a) res.send(1);\n  /*@*/return p;', false],
    ['/*@*/return p;\n  res.send(1);', false],
    ['cb(() => { res.send(1); });\n  /*@*/return p;', false],
  ])('%s', (body, expected) => {
    const { handler, path } = setup(`  ${body}`);
    expect(isRespondedBefore(handler, path)).toBe(expected);
  });
});

describe('getExpressionResponse', () => {
  test.each([
    ['p.then(() => res.send(1))', 'responds'],
    ['p.then((x) => { log(x); res.json(x); }).catch(next)', 'responds'],
    ['p.finally(() => res.end())', 'responds'],
    ['helper(req, res)', 'responds'],
    ['p.catch((e) => res.status(500).send(e))', 'unknown'],
    ['new Promise((resolve) => { res.on("finish", resolve); })', 'unknown'],
    ['db.doc(id).set(data)', 'never'],
    ['p.then((res) => res.json())', 'never'],
  ])('%s', (code, expected) => {
    const { handler, path } = setup(`  /*@*/${code};`);
    expect(getExpressionResponse(handler, (path as NodePath).get('expression') as NodePath)).toBe(expected);
  });
});

describe('mightContainHandler', () => {
  test.each([
    [`const ff = require('@google-cloud/functions-framework');\nff.http('x', h)`, true],
    [`require('@google-cloud/functions-framework')`, false],
    [`import { onRequest } from 'firebase-functions/v2/https'`, true],
    [`import * as functions from 'firebase-functions'; functions.pubsub.topic('t').onPublish(f)`, false],
    [`const app = require('express')()`, true],
    [`const app = require /* the app */ (\n  'express' // framework\n)()`, true],
    [`import express from\n'express'`, true],
    [`const http = require('node:http');\nhttp.createServer(h)`, true],
    [`import http from 'http';\nhttp.get(url, (res) => res.resume())`, false],
    [`const secure = protocol === 'https'; http.createServer(h)`, false],
    [`http.createServer(h)`, false],
    [`exports.parse = function (expression, options) { return options.express; }`, false],
    [`export function write(stream, chunk) { stream.end(chunk); }`, false],
    [`export function write(req, stream) { stream.end(); }`, true],
    [`export function a(req, res?: any) {}`, true],
    [`export function a(req, /* the response */ res) {}`, true],
    [`exports.parse = (node) => super.parseArrow(res, null)`, false],
    [`exports.x = 1; callback(null, res);`, false],
    [`exports.x = 1; [a, res].forEach(f);`, false],
    [`exports.x = 1; call(a, res, { b: 'c' }).then(d);`, false],
    [`exports.f = function (req, res) {}`, true],
    [`exports.f = (req, res): void => {}`, true],
    [`exports.f = (req, res = defaults({ a: [1] })) => {}`, true],
    [`exports.f = (req, res /* the response */)\n  => {}`, true],
    [`exports.x = 1; call(a, res, \`template\`);`, true],
    [`exports.x = 1; call(a, res, x / 2);`, true],
    [`exports.a = (req, res) => p`, true],
    [`export const a = (q, out: Response) => p`, true],
    [`export const a = (q, out: core . Response) => p`, true],
    [`export const a = (q, out: HttpResponse) => p`, false],
    [`export const a = (q, out) => out.sendStatus(200)`, true],
    [`export const a = (q, out) => (out).send(1)`, true],
    [`export const a = (q, out) => out['status'](200)`, true],
    [`export const a = (q, out) => out /* sent */ .send(1)`, true],
    [`export const a = (q, out) => out // sent\n  .send(1)`, true],
    [`export const a = (q, out) => this.out.send(1)`, false],
    [`module.exports = function add(a, b) { return a + b; }`, false],
    [`const res = compute(); console.log(res);`, false],
  ])('%s', (source, expected) => {
    expect(mightContainHandler(source)).toBe(expected);
  });
});

describe('edits and text', () => {
  test('applyEdits merges identical edits and keeps insertion order', () => {
    const out = applyEdits('abc', [
      { start: 1, end: 1, text: 'X' },
      { start: 1, end: 1, text: 'X' },
      { start: 1, end: 2, text: 'B' },
    ]);
    expect(out).toBe('aXBc');
  });
  test('applyEdits refuses overlapping edits', () => {
    expect(() => applyEdits('abcd', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }])).toThrow(/overlapping/);
  });
  test('mapOffsetBack maps edited offsets to the original', () => {
    const edits = [{ start: 2, end: 2, text: 'async ' }];
    expect(mapOffsetBack(edits, 1)).toBe(1);
    expect(mapOffsetBack(edits, 10)).toBe(4);
  });
  test('indentation unit, line endings and positions', () => {
    expect(getIndentUnit('a\n\tb\n\t\tc\n')).toBe('\t');
    expect(getIndentUnit('a\n    b\n        c\n    d\n')).toBe('    ');
    expect(getEol('a\r\nb\nc', 0)).toBe('\r\n');
    expect(getEol('a\r\nb\nc', 3)).toBe('\n');
    expect(getLineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
