/**
 * The filters that let the runner skip work must never skip a file that holds a handler: the text
 * pre-check (`mightContainHandler`, skips parsing), the quick check (`mayHaveHandlersQuick`, a fast
 * parse that skips Babel) and the plain AST walk (`mayHaveHandlers`, skips the scope analysis).
 * Checked against `findHandlers` run without them, over every fixture input and output and every
 * example, and on shapes that each rule of the filters covers.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { getParserForPath, mightContainHandler } from '../../../transforms';
import { findHandlers } from '../../../transforms/lib/handlers';
import { mayHaveHandlers } from '../../../transforms/lib/filters/candidates';
import { mayHaveHandlersQuick } from '../../../transforms/lib/filters/quick-check';
import { parseSource } from '../../../transforms/lib/parse';
import { createSourceFile, getProgramPath } from '../../../transforms/lib/source-file';
import type { ParserName } from '../../../transforms/lib/types';

const ROOT = path.join(__dirname, '..', '..', '..');

function findSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return findSources(file);
    return /\.(?:[cm]?[jt]sx?)$/.test(entry.name) ? [file] : [];
  });
}

/** Handlers as `findHandlers` finds them on its own, with no filter in front. */
function findAllHandlers(source: string, parser: ParserName) {
  return findHandlers(getProgramPath(parseSource(source, parser)));
}

const files = [...findSources(path.join(ROOT, '__testfixtures__')), ...findSources(path.join(ROOT, 'examples'))];

test('there are fixtures and examples to check, most of them with a handler', () => {
  expect(files.length).toBeGreaterThan(100);
  const withHandler = files.filter((file) => findAllHandlers(readFileSync(file, 'utf8'), getParserForPath(file)).length > 0);
  expect(withHandler.length).toBeGreaterThan(files.length / 2);
});

test.each(files.map((file) => [path.relative(ROOT, file)]))('%s: holds a handler => passes every filter', (relative) => {
  const source = readFileSync(path.join(ROOT, relative), 'utf8');
  const parser = getParserForPath(relative);
  const handlers = findAllHandlers(source, parser);
  if (handlers.length === 0) return;
  expect(mightContainHandler(source)).toBe(true);
  expect(mayHaveHandlersQuick(source, parser)).toBe(true);
  expect(mayHaveHandlers(parseSource(source, parser))).toBe(true);
  expect(createSourceFile(source, parser).handlers.map((h) => h.path.node.start)).toEqual(handlers.map((h) => h.path.node.start));
});

describe('mayHaveHandlers', () => {
  test.each([
    // Registrations need the module and the API's name.
    [`import * as ff from '@google-cloud/functions-framework'; ff.http('x', (req, res) => {});`, true],
    [`import * as ff from '@google-cloud/functions-framework'; ff.cloudEvent('x', (event) => {});`, false],
    [`const functions = require('firebase-functions'); exports.f = functions['https']['onRequest'](h);`, true],
    [`const functions = require('firebase-functions'); exports.f = functions.pubsub.topic('t').onPublish(h);`, false],
    [`import { onRequest as handle } from 'firebase-functions/v2/https'; export const f = handle(h);`, true],
    [`import http = require('http'); http.createServer(h);`, true],
    [`const { get } = require('https'); get(url, (res) => res.resume());`, false],
    [`const express = require('express'); const app = express(); app.get('/', h);`, true],
    [`const name = 'express'; console.log(name);`, false],
    // Exported handlers: inline or by name, with a response-like second parameter.
    [`exports.f = (req, res) => {};`, true],
    [`module.exports = { f(req, res) {} };`, true],
    [`module.exports = { f: (req, out) => out.send(1) };`, true],
    [`function f(req, res) {} module.exports.f = f;`, true],
    [`const f = (req, res) => {}; export { f as handler };`, true],
    [`export default function (req, res: Response) {}`, true],
    [`export default (req, out) => out['status'](500);`, true],
    [`function f(req, res) {} exports.g = g;`, false],
    [`exports.f = (a, b) => b.concat(a);`, false],
    [`exports.f = function (err, response) {}.bind(null);`, false],
    [`export const f = (req, out) => out.push(1); other.send(2);`, false],
    [`function helper(req, res) { res.send(1); } helper(a, b);`, false],
  ])('%s', (source, expected) => {
    expect(mayHaveHandlers(parseSource(source, 'ts'))).toBe(expected);
    // The quick check reads the same shapes from meriyah's ESTree (the TypeScript ones excepted).
    if (!/: Response/.test(source)) expect(mayHaveHandlersQuick(source, 'babel')).toBe(expected);
  });
});

describe('mayHaveHandlersQuick', () => {
  test.each([
    // ESTree shapes: Literal, Property, ChainExpression.
    [`module.exports = { handler(req, res) {} };`, true],
    [`module.exports = { 'handler': (req, out) => out?.send(1) };`, true],
    [`const express = require("express"); const app = express();`, true],
    [`exports.f = (a, b) => b?.concat(a);`, false],
    // Whatever meriyah cannot parse goes on to Babel: the quick check says yes.
    [`exports.f = (a: number, b: string) => b;`, true],
    [`exports.f = (a, b) => { return (;`, true],
    [`exports.f = (a, b) => b;\n<!-- an HTML comment in a script -->`, false],
  ])('%s', (source, expected) => {
    expect(mayHaveHandlersQuick(source, 'babel')).toBe(expected);
  });

  test('TypeScript and Flow files go on to Babel', () => {
    expect(mayHaveHandlersQuick('exports.f = (a, b) => b;', 'ts')).toBe(true);
    expect(mayHaveHandlersQuick('exports.f = (a, b) => b;', 'flow')).toBe(true);
  });
});
