/**
 * Machine output: `--format json|github|sarif`, `-o FILE`. The JSON report and the SARIF log are
 * validated against their schemas (the SARIF one is the official 2.1.0 schema).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Log } from 'sarif';
import { escapeAnnotationData, escapeAnnotationProperty, getLineReplacements, renderGithub, WOULD_CHANGE_RULE } from '../../../cli/output/formats';
import { diffHunks, type FileResult } from '../../../cli/run/process-file';
import type { RunResult } from '../../../cli/run/runner';
import { BROKEN, expectSchemaValid, HANDLER, runCli, useTempTrees } from '../helpers';

// Each test runs the command line several times; a busy machine makes that slow.
jest.setTimeout(60_000);

const tree = useTempTrees();

const WITH_FINDINGS = `const functions = require('@google-cloud/functions-framework');
functions.http('download', (req, res) => {
  return bucket.file(req.query.name).createReadStream().pipe(res);
});
`;

/** Apply SARIF replacements (whole-line regions) to `text`, the way a consumer would. */
function applySarifFix(
  text: string,
  replacements: NonNullable<NonNullable<Log['runs'][number]['results']>[number]['fixes']>[number]['artifactChanges'][number]['replacements'],
): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number) => (line - 1 < starts.length ? starts[line - 1]! : text.length) + column - 1;
  let out = text;
  for (const replacement of [...replacements].reverse()) {
    const region = replacement.deletedRegion;
    const start = offset(region.startLine!, region.startColumn ?? 1);
    const end = offset(region.endLine ?? region.startLine!, region.endColumn ?? 1);
    out = out.slice(0, start) + (replacement.insertedContent?.text ?? '') + out.slice(end);
  }
  return out;
}

describe('--format sarif', () => {
  test('a SARIF 2.1.0 log valid against the official schema: rules, levels, regions, fixes that reproduce --write', async () => {
    const crlf = HANDLER.replace(/\n/g, '\r\n');
    const noNewline = HANDLER.replace(/\n$/, '');
    const root = tree({ 'a.js': HANDLER, 'dir with space/f.js': WITH_FINDINGS, 'crlf.js': crlf, 'end.js': noNewline, 'bad.js': BROKEN });
    const result = await runCli(root, ['--format', 'sarif']);
    expect(result.code).toBe(3);
    const log = JSON.parse(result.stdout) as Log;
    expectSchemaValid('sarif', log);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('sendlast');
    const ruleIds = run.tool.driver.rules!.map((rule) => rule.id);
    expect(ruleIds).toEqual([...ruleIds].sort());
    expect(ruleIds).toEqual(expect.arrayContaining([WOULD_CHANGE_RULE, 'await-then-send/response-piped']));
    for (const rule of run.tool.driver.rules!) expect(rule.shortDescription?.text).toBeTruthy();

    const finding = run.results!.find((r) => r.ruleId === 'await-then-send/response-piped')!;
    expect(finding.level).toBe('warning');
    expect(finding.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('dir%20with%20space/f.js');
    expect(finding.locations![0]!.physicalLocation!.region).toEqual({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 67 });
    expect(run.tool.driver.rules![finding.ruleIndex!]!.id).toBe(finding.ruleId);

    // One result per changed file, with a fix that turns the original into what --write writes.
    const changes = run.results!.filter((r) => r.ruleId === WOULD_CHANGE_RULE);
    expect(changes.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri).sort()).toEqual(['a.js', 'crlf.js', 'end.js']);
    const originals: Record<string, string> = { 'a.js': HANDLER, 'crlf.js': crlf, 'end.js': noNewline };
    const fixed = await runCli(root, ['--write', '--force', 'a.js', 'crlf.js', 'end.js']);
    expect(fixed.code).toBe(0);
    for (const change of changes) {
      const uri = change.locations![0]!.physicalLocation!.artifactLocation!.uri!;
      const replacements = change.fixes![0]!.artifactChanges[0]!.replacements;
      expect(applySarifFix(originals[uri]!, replacements)).toBe(fs.readFileSync(path.join(root, uri), 'utf8'));
    }
    // A file that does not parse is a tool execution notification, not a result.
    const notifications = run.invocations![0]!.toolExecutionNotifications!;
    expect(notifications.map((n) => n.locations![0]!.physicalLocation!.artifactLocation!.uri)).toEqual(['bad.js']);
    expect(run.invocations![0]!.executionSuccessful).toBe(false);
  });

  test('info findings are notes; -o writes the log to a file and nothing to stdout', async () => {
    const root = tree({ 'app.js': "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => {\n  return db.save();\n});\n" });
    const result = await runCli(root, ['--check', '-f', 'sarif', '-o', 'out/sendlast.sarif']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const log = JSON.parse(fs.readFileSync(path.join(root, 'out/sendlast.sarif'), 'utf8')) as Log;
    expectSchemaValid('sarif', log);
    const levels = log.runs[0]!.results!.map((r) => `${r.ruleId}:${r.level}`);
    expect(levels).toContain('await-then-send/express-handler-made-async:note');
    expect(levels).toContain(`${WOULD_CHANGE_RULE}:warning`);
  });
});

test('getLineReplacements: blocks of the diff as whole-line replacements', () => {
  expect(getLineReplacements(diffHunks('a\nb\nc\n', 'a\nB\nc\nd\n'))).toEqual([
    { startLine: 2, deletedLines: 1, deletedToEnd: false, lastDeletedLength: 1, insertedText: 'B\n' },
    { startLine: 4, deletedLines: 0, deletedToEnd: false, lastDeletedLength: 0, insertedText: 'd\n' },
  ]);
  expect(getLineReplacements(diffHunks('a\nb', 'a\nc'))).toEqual([
    { startLine: 2, deletedLines: 1, deletedToEnd: true, lastDeletedLength: 1, insertedText: 'c' },
  ]);
});

describe('--format github', () => {
  test('one annotation per finding and per file that would change, errors as errors, then the summary', async () => {
    const root = tree({ 'a.js': HANDLER, 'f.js': WITH_FINDINGS, 'bad.js': BROKEN });
    const result = await runCli(root, ['--check', '--format', 'github']);
    expect(result.code).toBe(3);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      '::error file=a.js,line=1,title=sendlast/would-change::would change (await-then-send): review the diff and apply it with sendlast --write',
    );
    expect(lines[1]).toBe('::error file=bad.js,line=2,col=26,title=sendlast/error::Unexpected token');
    expect(lines[2]).toBe(
      '::warning file=f.js,line=3,col=3,endLine=3,endColumn=67,title=await-then-send/response-piped::returns a stream piped into the response; the stream responds, nothing to await',
    );
    expect(lines[3]).toMatch(/^3 files scanned: 1 changed, 1 unchanged, 1 finding, 1 error \(\d+m?s\)$/);
    expect(lines.slice(4)).toEqual(['']);
    // Without --check a pending change is a warning; with --write it is made, not reported.
    expect((await runCli(root, ['--format', 'github', 'a.js'])).stdout).toMatch(/^::warning file=a\.js,line=1,title=sendlast\/would-change::/);
    const written = await runCli(root, ['--write', '--force', '--format', 'github', 'a.js', 'f.js']);
    expect(written.code).toBe(0);
    expect(written.stdout).not.toContain('would-change');
    expect(written.stdout).toContain('title=await-then-send/response-piped');
  });

  test('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeAnnotationData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeAnnotationProperty('dir:x/a,b%.js\n')).toBe('dir%3Ax/a%2Cb%25.js%0A');
    const file: FileResult = {
      path: 'we:ird,name%.js',
      file: '/x',
      status: 'unchanged',
      transforms: [],
      findings: [{ transform: 't', rule: 't/k', severity: 'info', line: 1, column: 2, endLine: 3, endColumn: 4, message: 'line one\nline two: 100%' }],
    };
    const result: RunResult = {
      files: [file],
      notes: [],
      workers: 0,
      written: [],
      interrupted: false,
      patchBase: '/',
      timings: { findMs: 0, processMs: 0, writeMs: 0 },
      durationMs: 0,
    };
    expect(renderGithub(result, 'check')).toBe(
      '::notice file=we%3Aird%2Cname%25.js,line=1,col=2,endLine=3,endColumn=4,title=t/k::line one%0Aline two: 100%25\n',
    );
  });
});

describe('--format json', () => {
  test('valid against schemas/report.schema.json, findings with rule, severity and end; --json is the same', async () => {
    const root = tree({ 'f.js': WITH_FINDINGS, 'a.js': HANDLER });
    const result = await runCli(root, ['--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { version: number; files: Array<{ findings: unknown[] }> };
    expectSchemaValid('report', report);
    expect(report.version).toBe(1);
    expect(report.files[1]!.findings).toEqual([
      {
        transform: 'await-then-send',
        rule: 'await-then-send/response-piped',
        severity: 'warning',
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 67,
        message: 'returns a stream piped into the response; the stream responds, nothing to await',
      },
    ]);
    const alias = await runCli(root, ['--json']);
    const strip = (text: string) => text.replace(/"durationMs": \d+/, '"durationMs": 0');
    expect(strip(alias.stdout)).toBe(strip(result.stdout));
  });

  test('the schema rejects what the report never holds', () => {
    const bad = {
      version: 1,
      files: [{ path: 'a.js', status: 'changed', transforms: [], findings: [] }],
      summary: { scanned: 1, changed: 1, unchanged: 0, findings: 0, errors: 0, skipped: 0, durationMs: 1 },
    };
    const { getSchemaValidator } = require('../helpers') as typeof import('../helpers');
    expect(getSchemaValidator('report')(bad)).toBe(false); // a changed file without its diff
    expect(getSchemaValidator('report')({ ...bad, files: [] })).toBe(true);
    const { skipped: _skipped, ...withoutSkipped } = bad.summary;
    expect(getSchemaValidator('report')({ ...bad, files: [], summary: withoutSkipped })).toBe(false); // the summary counts skipped files
    const skipped = { path: 'lib/index.js', status: 'skipped', transforms: [], findings: [], skipped: { reason: 'generated', message: 'generated' } };
    expect(getSchemaValidator('report')({ ...bad, files: [skipped] })).toBe(true);
    expect(getSchemaValidator('report')({ ...bad, files: [{ ...skipped, skipped: undefined }] })).toBe(false); // skipped without the reason
    expect(getSchemaValidator('report')({ ...bad, files: [{ ...skipped, skipped: { reason: 'huge', message: 'm' } }] })).toBe(false);
    expect(getSchemaValidator('report')({ ...bad, files: [{ ...skipped, status: 'unchanged' }] })).toBe(false); // a reason on a scanned file
    // The SARIF schema is strict too: a result needs a message, a level is one of four words.
    const driver = { name: 'sendlast' };
    expect(getSchemaValidator('sarif')({ version: '2.1.0', runs: [{ tool: { driver }, results: [{ ruleId: 'x' }] }] })).toBe(false);
    expect(getSchemaValidator('sarif')({ version: '2.1.0', runs: [{ tool: { driver }, results: [{ message: { text: 'm' }, level: 'info' }] }] })).toBe(false);
    expect(getSchemaValidator('sarif')({ version: '2.1.0', runs: [{ tool: { driver }, results: [{ message: { text: 'm' }, level: 'note' }] }] })).toBe(true);
  });

  test('-o writes the text report without colours; usage errors for unknown formats and conflicts', async () => {
    const root = tree({ 'a.js': HANDLER });
    const written = await runCli(root, ['-o', 'report.txt'], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(written.stdout).toBe('');
    const text = fs.readFileSync(path.join(root, 'report.txt'), 'utf8');
    expect(text).toContain('+++ b/a.js');
    expect(text).not.toMatch(/\x1b\[/);
    expect((await runCli(root, ['--format', 'xml'])).stderr).toContain('--format must be one of text, json, github, sarif (got "xml")');
    expect((await runCli(root, ['--json', '--format', 'sarif'])).code).toBe(2);
  });
});
