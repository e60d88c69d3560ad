/**
 * One file, start to finish, without writing: what is skipped before parsing. Compiled output
 * (TypeScript's or Babel's downlevel helpers, a source map comment) is skipped as generated: its
 * source is where a fix belongs; `--include-generated` transforms it too. Minified files are skipped.
 */
import { expectSchemaValid, runCli, useTempTrees } from '../helpers';
import type { JsonReport } from '../../../cli/output/render';
import { isMinified } from '../../../cli/run/process-file';

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

test('the JSON report counts generated files as skipped and lists each with the reason generated', async () => {
  const root = tree({ 'lib/index.js': COMPILED, 'src/index.js': COMPILED.replace(/^var __awaiter.*\n/m, '').replace(/^\/\/# sourceMappingURL.*\n/m, '') });
  const result = await runCli(root, ['--json', '.']);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as JsonReport;
  expectSchemaValid('report', report);
  expect(report.files.map((f) => [f.path, f.status])).toEqual([
    ['lib/index.js', 'skipped'],
    ['src/index.js', 'changed'],
  ]);
  expect(report.files[0]).toEqual({
    path: 'lib/index.js',
    status: 'skipped',
    transforms: [],
    findings: [],
    skipped: { reason: 'generated', message: 'generated (compiled output: transform its source, or pass --include-generated)' },
  });
  expect(report.summary).toMatchObject({ scanned: 1, changed: 1, skipped: 1 });
  const included = JSON.parse((await runCli(root, ['--json', '--include-generated', '.'])).stdout) as JsonReport;
  expect(included.files.map((f) => [f.path, f.status])).toEqual([
    ['lib/index.js', 'changed'],
    ['src/index.js', 'changed'],
  ]);
  expect(included.summary).toMatchObject({ scanned: 2, changed: 2, skipped: 0 });
});

describe('minified detection', () => {
  test.each([
    ['lib.min.js', 'x', true],
    ['a.js', 'short;', false],
    ['a.js', 'var a=1;'.repeat(400), true],
    ['a.js', 'const a = 1;\n'.repeat(400), false],
  ])('%s', (name, text, expected) => expect(isMinified(name, text)).toBe(expected));
});
