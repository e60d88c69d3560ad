/**
 * The text pre-check: false only when the text cannot hold an HTTP handler (a registration module
 * imported with its API named, or an export with a response-like second parameter). That it never
 * skips a real handler is checked over every fixture in ../filters.test.ts.
 */
import { mightContainHandler, REGISTRATION_MODULE_WORDS } from '../../../../transforms/lib/filters/precheck';
import { REGISTRATION_API_BY_MODULE } from '../../../../transforms/lib/handlers';

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

test('every registration module name contains one of the words the pre-check searches for first', () => {
  const without = [...REGISTRATION_API_BY_MODULE.keys()].filter((name) => !REGISTRATION_MODULE_WORDS.some((word) => name.includes(word)));
  expect(without).toEqual([]);
});
