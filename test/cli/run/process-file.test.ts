/**
 * One file, start to finish, without writing: what is skipped before parsing. Compiled output
 * (TypeScript's or Babel's downlevel helpers, a source map comment) is skipped as generated: its
 * source is where a fix belongs; `--include-generated` transforms it too. Minified files are skipped.
 */
import { expectSchemaValid, runCli, useTempTrees } from '../helpers';
import type { JsonReport } from '../../../cli/output/render';
import { decode, isMinified } from '../../../cli/run/process-file';

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

  test('a text of 2048 characters or more is minified when it has 3 lines or fewer, or more than 250 characters a line on average', () => {
    for (const length of [2048, 2499, 2500, 2501, 5000, 10_007]) {
      for (let lines = 1; lines <= 45; lines++) {
        // `lines` lines of equal length (the last one takes the rest), `length` characters in all.
        const breaks = lines - 1;
        const width = Math.floor((length - breaks) / lines);
        const rows = Array.from({ length: lines }, (_, k) => 'x'.repeat(k === lines - 1 ? length - breaks - width * (lines - 1) : width));
        const text = rows.join('\n');
        expect(text.length).toBe(length);
        expect([length, lines, isMinified('a.js', text)]).toEqual([length, lines, lines <= 3 || length / lines > 250]);
      }
    }
  });
});

describe('decoding', () => {
  test.each([
    ['ASCII', Buffer.from('res.send("ok");\n')],
    ['UTF-8 with a BOM', Buffer.from('\ufeffres.send("ok");\n')],
    ['UTF-8 beyond ASCII', Buffer.from('res.send("¡olé ✓ 😀");\n')],
    ['empty', Buffer.alloc(0)],
  ])('%s: the text UTF-8 gives, written back as UTF-8', (_, bytes) => {
    const decoded = decode(bytes);
    expect(decoded).toEqual({ text: bytes.toString('utf8'), encoding: 'utf8' });
    expect(Buffer.from(decoded.text, decoded.encoding).equals(bytes)).toBe(true);
  });

  test('bytes that are not UTF-8 are read as Latin-1 and written back unchanged', () => {
    const bytes = Buffer.from([0x72, 0x65, 0x73, 0x20, 0xe9, 0x0a]);
    const decoded = decode(bytes);
    expect(decoded).toEqual({ text: 'res \u00e9\n', encoding: 'latin1' });
    expect(Buffer.from(decoded.text, decoded.encoding).equals(bytes)).toBe(true);
  });
});
