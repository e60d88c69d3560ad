/**
 * Compiled output (TypeScript's or Babel's downlevel helpers, a source map comment) is skipped as
 * generated: its source is where a fix belongs. `--include-generated` transforms it too.
 */
import { runCli, useTempTrees } from './cli-helpers';
import { isGeneratedSource } from '../transforms/lib/generated';

const tree = useTempTrees();

const COMPILED = `"use strict";
var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) { return new P(function () {}); };
Object.defineProperty(exports, "__esModule", { value: true });
const functions = require("firebase-functions");
exports.save = functions.https.onRequest((req, res) => {
    return Promise.resolve(req.body);
});
//# sourceMappingURL=index.js.map
`;

test.each([
  ['TypeScript helpers', 'var __awaiter = (this && this.__awaiter) || function () {};', true],
  ['Babel helpers', 'function _asyncToGenerator(fn) { return fn; }', true],
  ['regenerator', 'regeneratorRuntime.mark(function f() {});', true],
  ['a source map comment', 'exports.a = 1;\n//# sourceMappingURL=a.js.map\n', true],
  ['hand-written code', 'exports.a = async (req, res) => { await x(); res.send(1); };\n', false],
])('%s', (_name, text, expected) => {
  expect(isGeneratedSource(text)).toBe(expected);
});

test('compiled output is skipped, counted, and named in --verbose; --include-generated transforms it', async () => {
  const root = tree({ 'lib/index.js': COMPILED });
  const dry = await runCli(root, ['--verbose', '.']);
  expect(dry.code).toBe(0);
  expect(dry.stdout).not.toContain('+++');
  expect(dry.stdout).toContain('1 skipped');
  expect(dry.stderr).toMatch(/skipped lib\/index\.js: generated/);
  const included = await runCli(root, ['--include-generated', '.']);
  expect(included.stdout).toContain('+    await Promise.resolve(req.body);');
});
