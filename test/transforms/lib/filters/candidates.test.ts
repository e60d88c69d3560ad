/** The plain AST walk in front of the scope analysis: the shapes each of its rules covers. */
import { mayHaveHandlers } from '../../../../transforms/lib/filters/candidates';
import { mayHaveHandlersQuick } from '../../../../transforms/lib/filters/quick-check';
import { parseSource } from '../../../../transforms/lib/parse';

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
