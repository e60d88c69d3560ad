/**
 * The command line end to end, in-process (cli/main.ts' main with captured streams), on
 * temporary directories: dry run, write, check, JSON, patch, git safety, file selection.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyTransforms, ParseError } from '../../transforms/index';
import { run } from '../../cli/run/runner';
import type { JsonReport } from '../../cli/output/render';
import {
  BROKEN,
  commitAll,
  expectSchemaValid,
  git,
  ensureBuilt,
  HANDLER,
  HANDLER_FIXED,
  PLAIN,
  runCli,
  runOptions,
  snapshot,
  useTempTrees,
  stripTime,
} from './helpers';

/** A handler with a site await-then-send leaves alone and reports. */
const WITH_FINDING = `const functions = require('firebase-functions');

exports.save = functions.https.onRequest((req, res) => {
  return db
    .save(req.body)
    .catch((err) => {
      res.status(500).send('could not save');
    });
});
`;

/** A standalone Express server (it listens itself) with work after a response. */
const STANDALONE_SERVER = `const express = require('express');
const app = express();
app.use(express.json());

app.post('/events', async (req, res) => {
  res.status(202).send('queued');
  await audit.record(req.body);
});

app.listen(process.env.PORT || 8080);
`;

const ANSI = /\x1b\[/;
const tree = useTempTrees();

describe('dry run', () => {
  test('prints the unified diff and the summary, writes nothing', async () => {
    const root = tree({ 'src/handler.js': HANDLER, 'src/plain.js': PLAIN, 'README.md': '# hi\n' });
    const before = snapshot(root);
    const result = await runCli(root, []);
    expect(result.code).toBe(0);
    expect(snapshot(root)).toEqual(before);
    expect(stripTime(result.stdout)).toBe(
      [
        '--- a/src/handler.js',
        '+++ b/src/handler.js',
        '@@ -1,3 +1,4 @@',
        '-exports.handler = (req, res) => {',
        '-  return Promise.resolve(req.body);',
        '+exports.handler = async (req, res) => {',
        '+  await Promise.resolve(req.body);',
        '+  res.sendStatus(200);',
        ' };',
        '',
        '2 files scanned: 1 changed, 1 unchanged, 0 findings, 0 errors (TIME)',
        'Dry run: nothing was written. Run again with --write to apply these changes.',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(ANSI);
  });

  test('three lines of context, several hunks', async () => {
    const filler = Array.from({ length: 12 }, (_, i) => `// line ${i}`).join('\n');
    const source = `${HANDLER}${filler}\n${HANDLER.replace('exports.handler', 'exports.other')}`;
    const root = tree({ 'a.js': source });
    const { stdout } = await runCli(root, []);
    const hunks = stdout.split('\n').filter((line) => line.startsWith('@@'));
    expect(hunks).toEqual(['@@ -1,5 +1,6 @@', '@@ -13,6 +14,7 @@']);
    expect(stdout).toContain(' };\n // line 0\n // line 1\n@@ -13,6 +14,7 @@\n // line 9\n // line 10\n // line 11\n-');
  });

  test('colours on a terminal, plain when piped or with NO_COLOR', async () => {
    const root = tree({ 'a.js': HANDLER });
    expect((await runCli(root, [], { tty: true })).stdout).toMatch(ANSI);
    expect((await runCli(root, [], { tty: false })).stdout).not.toMatch(ANSI);
    expect((await runCli(root, [], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await runCli(root, [], { tty: false, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
  });

  test('findings are listed after the diff with 1-based positions', async () => {
    const expected = applyTransforms(WITH_FINDING, { path: 'f.js' }).findings;
    expect(expected.length).toBeGreaterThan(0);
    const root = tree({ 'f.js': WITH_FINDING, 'a.js': HANDLER });
    const { stdout, code } = await runCli(root, []);
    expect(code).toBe(0);
    for (const finding of expected) {
      expect(stdout).toContain(`f.js:${finding.line}:${finding.column}: ${finding.rule}: ${finding.message}`);
    }
    expect(stdout.indexOf('f.js:')).toBeGreaterThan(stdout.indexOf('+++ b/a.js'));
  });

  test('--quiet prints nothing but errors; --verbose adds timing', async () => {
    const root = tree({ 'a.js': HANDLER, 'bad.js': BROKEN });
    const quiet = await runCli(root, ['--quiet']);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toMatch(/^bad\.js:2:\d+: /);
    const verbose = await runCli(root, ['--verbose']);
    expect(verbose.stderr).toMatch(/found 2 files in .*, processed in the main thread in /);
  });
});

describe('--write', () => {
  test('writes exactly the transform output, and a second run finds nothing', async () => {
    const root = tree({ 'src/a.js': HANDLER, 'src/b.ts': HANDLER, 'plain.js': PLAIN });
    const result = await runCli(root, ['--write', '--force']);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/a.js'), 'utf8')).toBe(HANDLER_FIXED);
    expect(fs.readFileSync(path.join(root, 'src/b.ts'), 'utf8')).toBe(HANDLER_FIXED);
    expect(fs.readFileSync(path.join(root, 'plain.js'), 'utf8')).toBe(PLAIN);
    expect(stripTime(result.stdout)).toBe(
      [
        'fixed src/a.js (await-then-send)',
        'fixed src/b.ts (await-then-send)',
        '',
        '3 files scanned: 2 changed, 1 unchanged, 0 findings, 0 errors (TIME)',
        '2 files written.',
        '',
      ].join('\n'),
    );
    expect(fs.readdirSync(path.join(root, 'src')).sort()).toEqual(['a.js', 'b.ts']);
    const again = await runCli(root, ['--check']);
    expect(again.code).toBe(0);
  });

  test('keeps CRLF, mixed line endings, a BOM, Latin-1 bytes and the file mode', async () => {
    const crlf = HANDLER.replace(/\n/g, '\r\n');
    const mixed = 'exports.handler = (req, res) => {\r\n  return Promise.resolve(req.body);\n};\r\n// tail\n';
    const latin1 = Buffer.concat([Buffer.from(HANDLER), Buffer.from('// caf\xe9\n', 'latin1')]);
    const root = tree({ 'crlf.js': crlf, 'bom.js': `\ufeff${HANDLER}`, 'mixed.js': mixed, 'latin1.js': latin1, 'exec.js': HANDLER });
    fs.chmodSync(path.join(root, 'exec.js'), 0o754);
    const { code } = await runCli(root, ['--write', '--force']);
    expect(code).toBe(0);
    const read = (name: string) => fs.readFileSync(path.join(root, name));
    expect(read('crlf.js').toString('utf8')).toBe(applyTransforms(crlf, { path: 'crlf.js' }).output);
    expect(read('crlf.js').toString('utf8')).toBe(HANDLER_FIXED.replace(/\n/g, '\r\n'));
    expect(read('bom.js')).toEqual(Buffer.from(`\ufeff${HANDLER_FIXED}`, 'utf8'));
    expect(read('mixed.js').toString('utf8')).toBe(applyTransforms(mixed, { path: 'mixed.js' }).output);
    expect(read('latin1.js')).toEqual(Buffer.concat([Buffer.from(HANDLER_FIXED), Buffer.from('// caf\xe9\n', 'latin1')]));
    expect(read('exec.js').toString('utf8')).toBe(HANDLER_FIXED);
    expect(fs.statSync(path.join(root, 'exec.js')).mode & 0o777).toBe(0o754);
  });

  test('a parse error is reported with path:line:column, exit 3, the other files are fixed', async () => {
    let position = { line: 0, column: 0, message: '' };
    try {
      applyTransforms(BROKEN, { path: 'bad.js' });
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      const e = error as ParseError;
      position = { line: e.line, column: e.column, message: e.message };
    }
    const root = tree({ 'a.js': HANDLER, 'bad.js': BROKEN, 'z.js': HANDLER });
    const result = await runCli(root, ['--write', '--force']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`bad.js:${position.line}:${position.column}: ${position.message}\n`);
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(HANDLER_FIXED);
    expect(fs.readFileSync(path.join(root, 'z.js'), 'utf8')).toBe(HANDLER_FIXED);
    expect(fs.readFileSync(path.join(root, 'bad.js'), 'utf8')).toBe(BROKEN);
    expect(result.stdout).toMatch(/3 files scanned: 2 changed, 0 unchanged, 0 findings, 1 error/);
  });

  test('a file changed on disk after it was read is not overwritten', async () => {
    const root = tree({ 'a.js': HANDLER, 'b.js': HANDLER });
    const edited = `${HANDLER}// edited meanwhile\n`;
    const result = await run(runOptions(root, { write: true, force: true }), {
      onProgress: (done, total) => {
        if (done === total) fs.writeFileSync(path.join(root, 'a.js'), edited);
      },
    });
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(edited);
    expect(fs.readFileSync(path.join(root, 'b.js'), 'utf8')).toBe(HANDLER_FIXED);
    const a = result.files.find((f) => f.path === 'a.js');
    expect(a?.status).toBe('error');
    expect(a?.error?.message).toMatch(/changed on disk since it was read/);
    expect(result.written).toEqual(['b.js']);
  });

  test('Ctrl-C before writing leaves every file as it was', async () => {
    const root = tree({ 'a.js': HANDLER, 'b.js': HANDLER });
    const controller = new AbortController();
    const before = snapshot(root);
    const result = await run(runOptions(root, { write: true, force: true }), {
      signal: controller.signal,
      onProgress: (done, total) => done === total && controller.abort(),
    });
    expect(result.interrupted).toBe(true);
    expect(result.written).toEqual([]);
    expect(snapshot(root)).toEqual(before);
  });

  test('writes through a symlink to the real file and keeps the symlink', async () => {
    const root = tree({ 'real/a.js': HANDLER });
    fs.symlinkSync('real/a.js', path.join(root, 'link.js'));
    const result = await runCli(root, ['--write', '--force']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 file scanned');
    expect(fs.lstatSync(path.join(root, 'link.js')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(root, 'real/a.js'), 'utf8')).toBe(HANDLER_FIXED);
  });
});

describe('git safety', () => {
  test('refuses to write over uncommitted changes in files it would change, unless --force', async () => {
    const root = tree({ 'a.js': HANDLER, 'b.js': HANDLER, 'c.js': PLAIN });
    commitAll(root);
    fs.appendFileSync(path.join(root, 'a.js'), '// local edit\n');
    fs.appendFileSync(path.join(root, 'c.js'), '// edit in a file that will not change\n');
    fs.writeFileSync(path.join(root, 'new.js'), HANDLER);
    const before = snapshot(root);
    const refused = await runCli(root, ['--write']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing to write: 2 files have uncommitted changes and would be changed:');
    expect(refused.stderr).toContain('  a.js\n  new.js\n');
    expect(refused.stderr).toContain('--force');
    expect(refused.stdout).toBe('');
    expect(snapshot(root)).toEqual(before);

    const forced = await runCli(root, ['--write', '--force']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'b.js'), 'utf8')).toBe(HANDLER_FIXED);
    expect(fs.readFileSync(path.join(root, 'new.js'), 'utf8')).toBe(HANDLER_FIXED);
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(`${HANDLER_FIXED}// local edit\n`);
  });

  test('a clean tree (other files dirty) is written', async () => {
    const root = tree({ 'src/a.js': HANDLER, 'notes.txt': 'x\n' });
    commitAll(root);
    fs.writeFileSync(path.join(root, 'notes.txt'), 'changed\n');
    const result = await runCli(path.join(root, 'src'), ['--write']);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/a.js'), 'utf8')).toBe(HANDLER_FIXED);
    expect(git(root, 'status', '--porcelain')).toBe(' M notes.txt\n M src/a.js\n');
  });
});

describe('--check', () => {
  test('exit 1 on changes, 1 on findings only, 0 when clean, 3 on errors', async () => {
    const changes = tree({ 'a.js': HANDLER });
    const changed = await runCli(changes, ['--check']);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('--- a/a.js');
    expect(changed.stdout).toContain('--check: 1 file would change, 0 findings to review.');
    expect((await runCli(tree({ 'f.js': WITH_FINDING }), ['--check'])).code).toBe(1);
    expect((await runCli(tree({ 'ok.js': HANDLER_FIXED, 'p.js': PLAIN }), ['--check'])).code).toBe(0);
    expect((await runCli(tree({ 'bad.js': BROKEN, 'a.js': HANDLER }), ['--check'])).code).toBe(3);
  });

  test('sendlast-disable-next-line keeps a reviewed site as it is', async () => {
    const source = HANDLER.replace('  return', '  // sendlast-disable-next-line await-then-send -- reviewed\n  return');
    const root = tree({ 'a.js': source, 'b.js': HANDLER.replace('  return', '  // sendlast-disable-next-line\n  return') });
    const result = await runCli(root, ['--check']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 files scanned: 0 changed, 2 unchanged, 0 findings/);
  });
});

/** Strict structural check of the version 1 report: no missing, extra or mistyped keys. */
function validateReport(report: unknown): asserts report is JsonReport {
  const fail = (where: string, what: string) => {
    throw new Error(`JSON report: ${where}: ${what}`);
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const keys = (where: string, v: Record<string, unknown>, required: string[], optional: string[] = []) => {
    for (const key of required) if (!(key in v)) fail(where, `missing "${key}"`);
    for (const key of Object.keys(v)) if (!required.includes(key) && !optional.includes(key)) fail(where, `unexpected "${key}"`);
  };
  const int = (where: string, v: unknown, min: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(where, `expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  };
  const str = (where: string, v: unknown) => {
    if (typeof v !== 'string' || v === '') fail(where, `expected a non-empty string, got ${JSON.stringify(v)}`);
  };
  expectSchemaValid('report', report);
  if (!isObject(report)) return fail('root', 'not an object');
  keys('root', report, ['version', 'files', 'summary'], ['baseline']);
  if (report.version !== 1) fail('version', 'must be 1');
  if (!Array.isArray(report.files)) return fail('files', 'not an array');
  report.files.forEach((file: unknown, i) => {
    const at = `files[${i}]`;
    if (!isObject(file)) return fail(at, 'not an object');
    keys(at, file, ['path', 'status', 'transforms', 'findings'], ['diff', 'error', 'skipped']);
    str(`${at}.path`, file.path);
    if (!['changed', 'unchanged', 'error', 'skipped'].includes(file.status as string)) fail(`${at}.status`, String(file.status));
    if (!Array.isArray(file.transforms)) fail(`${at}.transforms`, 'not an array');
    (file.transforms as unknown[]).forEach((t, j) => str(`${at}.transforms[${j}]`, t));
    if (file.status === 'changed' && typeof file.diff !== 'string') fail(`${at}.diff`, 'missing for a changed file');
    if ('diff' in file && !String(file.diff).startsWith(`--- a/${String(file.path)}\n+++ b/${String(file.path)}\n@@ `)) {
      fail(`${at}.diff`, 'not a unified diff of this path');
    }
    if (!Array.isArray(file.findings)) return fail(`${at}.findings`, 'not an array');
    file.findings.forEach((finding: unknown, j) => {
      const fat = `${at}.findings[${j}]`;
      if (!isObject(finding)) return fail(fat, 'not an object');
      keys(fat, finding, ['transform', 'rule', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message']);
      str(`${fat}.transform`, finding.transform);
      str(`${fat}.rule`, finding.rule);
      if (!String(finding.rule).startsWith(`${String(finding.transform)}/`)) fail(`${fat}.rule`, 'not prefixed by its transform');
      if (finding.severity !== 'warning' && finding.severity !== 'info') fail(`${fat}.severity`, 'not warning or info');
      int(`${fat}.line`, finding.line, 1);
      int(`${fat}.column`, finding.column, 1);
      int(`${fat}.endLine`, finding.endLine, 1);
      int(`${fat}.endColumn`, finding.endColumn, 1);
      str(`${fat}.message`, finding.message);
    });
    if ((file.status === 'error') !== 'error' in file) fail(`${at}.error`, 'present exactly when status is error');
    if (isObject(file.error)) {
      keys(`${at}.error`, file.error, ['message'], ['line', 'column']);
      str(`${at}.error.message`, file.error.message);
      if ('line' in file.error) int(`${at}.error.line`, file.error.line, 1);
      if ('column' in file.error) int(`${at}.error.column`, file.error.column, 1);
    }
    if (file.status === 'unchanged' && file.findings.length === 0) fail(at, 'unchanged files without findings are not listed');
    if ((file.status === 'skipped') !== 'skipped' in file) fail(`${at}.skipped`, 'present exactly when status is skipped');
    if (isObject(file.skipped)) {
      keys(`${at}.skipped`, file.skipped, ['reason', 'message']);
      if (!['generated', 'minified', 'too-large', 'binary', 'utf-16'].includes(file.skipped.reason as string))
        fail(`${at}.skipped.reason`, String(file.skipped.reason));
      str(`${at}.skipped.message`, file.skipped.message);
      if (file.findings.length > 0 || (file.transforms as unknown[]).length > 0) fail(at, 'a skipped file has no findings and no transforms');
    }
  });
  const paths = report.files.map((f) => (f as { path: string }).path);
  expect(paths).toEqual([...paths].sort());
  if (!isObject(report.summary)) return fail('summary', 'not an object');
  keys('summary', report.summary, ['scanned', 'changed', 'unchanged', 'findings', 'errors', 'skipped', 'durationMs']);
  const skippedFiles = report.files.filter((f) => isObject(f) && f.status === 'skipped').length;
  if (report.summary.skipped !== skippedFiles) fail('summary.skipped', `${String(report.summary.skipped)}, but ${skippedFiles} skipped files are listed`);
  for (const key of Object.keys(report.summary)) int(`summary.${key}`, report.summary[key], 0);
}

describe('--json', () => {
  test('one document matching the version 1 schema, files sorted, 1-based positions', async () => {
    const root = tree({
      'z/a.js': HANDLER,
      'b.js': HANDLER,
      'f.js': WITH_FINDING,
      'bad.js': BROKEN,
      'plain.js': PLAIN,
      'fixed.js': HANDLER_FIXED,
    });
    const result = await runCli(root, ['--json']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('');
    const report: unknown = JSON.parse(result.stdout);
    validateReport(report);
    expect(report.files.map((f) => [f.path, f.status])).toEqual([
      ['b.js', 'changed'],
      ['bad.js', 'error'],
      ['f.js', expect.stringMatching(/^(changed|unchanged)$/)],
      ['z/a.js', 'changed'],
    ]);
    const b = report.files[0]!;
    expect(b.transforms).toEqual(['await-then-send']);
    expect(b.diff).toBe(
      '--- a/b.js\n+++ b/b.js\n@@ -1,3 +1,4 @@\n-exports.handler = (req, res) => {\n-  return Promise.resolve(req.body);\n' +
        '+exports.handler = async (req, res) => {\n+  await Promise.resolve(req.body);\n+  res.sendStatus(200);\n };\n',
    );
    const bad = report.files[1]!;
    expect(bad.error).toEqual({ message: expect.any(String), line: 2, column: expect.any(Number) });
    const expectedFindings = applyTransforms(WITH_FINDING, { path: 'f.js' }).findings;
    expect(report.files[2]!.findings).toEqual(expectedFindings);
    expect(report.summary).toEqual({
      scanned: 6,
      changed: report.files[2]!.status === 'changed' ? 3 : 2,
      unchanged: report.files[2]!.status === 'changed' ? 2 : 3,
      findings: expectedFindings.length,
      errors: 1,
      skipped: 0,
      durationMs: expect.any(Number),
    });
  });

  test('an empty run is still a valid report', async () => {
    const result = await runCli(tree({ 'plain.js': PLAIN }), ['--json']);
    const report: unknown = JSON.parse(result.stdout);
    validateReport(report);
    expect(report.files).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe('--patch', () => {
  function copyTree(root: string): string {
    const copy = tree({});
    fs.cpSync(root, copy, { recursive: true });
    return copy;
  }

  test('one patch that git apply accepts, paths relative to the git root', async () => {
    const root = tree({
      'pkg/src/a.js': HANDLER,
      'pkg/src/crlf.js': HANDLER.replace(/\n/g, '\r\n'),
      'pkg/src/with space.js': HANDLER,
      'pkg/src/plain.js': PLAIN,
      'other/b.js': HANDLER,
    });
    commitAll(root);
    const cwd = path.join(root, 'pkg');
    const result = await runCli(cwd, ['--patch', '../out.patch', 'src']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Patch written to ../out.patch');
    expect(result.stdout).not.toContain('@@');
    const patch = fs.readFileSync(path.join(root, 'out.patch'), 'utf8');
    expect(patch).toContain('--- a/pkg/src/a.js\n+++ b/pkg/src/a.js\n');
    expect(patch).not.toContain('other/b.js');

    const copy = copyTree(root);
    const check = spawnSync('git', ['apply', '--check', path.join(root, 'out.patch')], { cwd: copy, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    // Applied, the patch gives exactly what --write writes.
    expect(spawnSync('git', ['apply', path.join(root, 'out.patch')], { cwd: copy }).status).toBe(0);
    await runCli(cwd, ['--write', 'src']);
    for (const name of ['a.js', 'crlf.js', 'with space.js', 'plain.js']) {
      expect(fs.readFileSync(path.join(copy, 'pkg/src', name))).toEqual(fs.readFileSync(path.join(root, 'pkg/src', name)));
    }
  });

  test('outside a work tree: relative to the current directory; --patch - prints it', async () => {
    const root = tree({ 'src/a.js': HANDLER, 'src/f.js': WITH_FINDING });
    const result = await runCli(root, ['--patch', '-']);
    expect(result.stdout.startsWith('--- a/src/a.js\n+++ b/src/a.js\n@@ -1,3 +1,4 @@\n')).toBe(true);
    expect(result.stderr).toMatch(/files? scanned/);
    const copy = copyTree(root);
    fs.writeFileSync(path.join(copy, 'p.patch'), result.stdoutBytes);
    const check = spawnSync('git', ['apply', '--check', 'p.patch'], { cwd: copy, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('which files', () => {
  test('.gitignore (nested, negations), .git/info/exclude, node_modules, --ignore, --no-gitignore', async () => {
    const root = tree({
      '.gitignore': 'build/\n*.gen.js\n',
      'src/.gitignore': '!keep.gen.js\nlocal-only.js\n',
      'src/a.js': HANDLER,
      'src/x.gen.js': HANDLER,
      'src/keep.gen.js': HANDLER,
      'src/local-only.js': HANDLER,
      'src/deep/local-only.js': HANDLER,
      'build/out.js': HANDLER,
      'excluded.js': HANDLER,
      'node_modules/dep/index.js': HANDLER,
      'src/node_modules/dep/index.js': HANDLER,
      'legacy/old.js': HANDLER,
      'notes.md': HANDLER,
      'types.d.ts': 'export {};\n',
    });
    git(root, 'init', '-q');
    fs.writeFileSync(path.join(root, '.git/info/exclude'), 'excluded.js\n');
    const files = async (args: string[], cwd = root) => {
      const { stdout } = await runCli(cwd, ['--json', ...args]);
      return (JSON.parse(stdout) as JsonReport).files.map((f) => f.path);
    };
    expect(await files([])).toEqual(['legacy/old.js', 'src/a.js', 'src/keep.gen.js']);
    expect(await files(['--ignore', 'legacy/', '--ignore', 'src/a.js'])).toEqual(['src/keep.gen.js']);
    expect(await files(['--no-gitignore'])).toEqual([
      'build/out.js',
      'excluded.js',
      'legacy/old.js',
      'src/a.js',
      'src/deep/local-only.js',
      'src/keep.gen.js',
      'src/local-only.js',
      'src/x.gen.js',
    ]);
    // From a subdirectory, the root .gitignore still applies.
    expect(await files(['.'], path.join(root, 'src'))).toEqual(['a.js', 'keep.gen.js']);
    // A file named on the command line is processed even when ignored.
    expect(await files(['build/out.js', 'src/x.gen.js'])).toEqual(['build/out.js', 'src/x.gen.js']);
    // A directory named on the command line is walked even when ignored.
    expect(await files(['build'])).toEqual(['build/out.js']);
    expect(await files(['--extensions', 'md'])).toEqual(['notes.md']);
  });

  test('symlink loops are safe; symlinks out of the roots are not followed', async () => {
    const outside = tree({ 'secret.js': HANDLER });
    const root = tree({ 'src/a.js': HANDLER, 'src/sub/b.js': HANDLER });
    fs.symlinkSync('..', path.join(root, 'src/sub/loop'));
    fs.symlinkSync(root, path.join(root, 'src/self'));
    fs.symlinkSync(outside, path.join(root, 'src/outside'));
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(root, 'src/secret.js'));
    fs.symlinkSync('missing.js', path.join(root, 'src/broken.js'));
    const result = await runCli(root, ['--verbose']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 files scanned: 2 changed/);
    expect(result.stdout).toContain('+++ b/src/a.js');
    expect(result.stdout).toContain('+++ b/src/sub/b.js');
    expect(result.stdout).not.toContain('secret');
    expect(result.stderr).toContain('skipped src/outside: symlink points outside the given paths');
    expect(result.stderr).toContain('skipped src/secret.js: symlink points outside the given paths');
    expect(result.stderr).toContain('skipped src/broken.js: broken symlink');
  });

  test('binary, too large and minified files are skipped, with a note in --verbose', async () => {
    const big = `${HANDLER}${'// padding padding padding\n'.repeat(300)}`;
    const minified = `${HANDLER.replace(/\n/g, ' ')}${'var a=1;'.repeat(400)}\n`;
    const root = tree({
      'bin.js': Buffer.concat([Buffer.from(HANDLER), Buffer.from([0, 1, 2])]),
      'big.js': big,
      'bundle.js': minified,
      'lib.min.js': HANDLER,
      'utf16.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HANDLER, 'utf16le')]),
      'a.js': HANDLER,
    });
    const result = await runCli(root, ['--verbose', '--max-size', '6k']);
    expect(result.stdout).toMatch(/^1 file scanned: 1 changed/m);
    expect(result.stderr).toContain('skipped bin.js: binary file');
    expect(result.stderr).toContain('skipped big.js: larger than --max-size (8 kB)');
    expect(result.stderr).toContain('skipped bundle.js: minified or bundled file');
    expect(result.stderr).toContain('skipped lib.min.js: minified or bundled file');
    expect(result.stderr).toContain('skipped utf16.js: UTF-16 encoded');
    const quiet = await runCli(root, ['--max-size', '6k']);
    expect(quiet.stderr).toBe('');
    // The JSON report lists each with its reason, and counts them.
    const json: unknown = JSON.parse((await runCli(root, ['--json', '--max-size', '6k'])).stdout);
    validateReport(json);
    expect(json.files.map((f) => [f.path, f.status, f.skipped?.reason])).toEqual([
      ['a.js', 'changed', undefined],
      ['big.js', 'skipped', 'too-large'],
      ['bin.js', 'skipped', 'binary'],
      ['bundle.js', 'skipped', 'minified'],
      ['lib.min.js', 'skipped', 'minified'],
      ['utf16.js', 'skipped', 'utf-16'],
    ]);
    expect(json.files[1]!.skipped).toEqual({ reason: 'too-large', message: 'larger than --max-size (8 kB)' });
    expect(json.summary).toMatchObject({ scanned: 1, changed: 1, skipped: 5 });
  });
});

describe('usage errors: exit 2 with a clear message', () => {
  test.each([
    [['missing-dir'], 'sendlast: missing-dir: no such file or directory\n'],
    [['-t', 'nope'], /^sendlast: unknown transform "nope" \(known: await-then-send, /],
    [['--respond', 'res.send('], /^sendlast: --respond "res\.send\(" does not parse as a statement/],
    [['--respond', 'reply.end()'], /^sendlast: --respond "reply\.end\(\)" must call a method of the response "res"/],
    [['--jobs', 'x'], /^sendlast: --jobs must be a whole number.*\nRun "sendlast --help" for usage\.\n$/],
  ])('%j', async (argv, message) => {
    const root = tree({ 'a.js': HANDLER });
    const result = await runCli(root, argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
  });
});

describe('transform selection and options', () => {
  test('-t runs only the named transforms; --respond sets the added response', async () => {
    const root = tree({ 'a.js': HANDLER });
    const none = await runCli(root, ['-t', 'send-status', '--check']);
    expect(none.code).toBe(0);
    const custom = await runCli(root, ['-t', 'await-then-send', '--respond', 'res.status(204).end()']);
    expect(custom.stdout).toContain('+  res.status(204).end();\n');
  });

  test('--platform server reports work after the response of a standalone server instead of moving it; functions (the default) moves it', async () => {
    const root = tree({ 'server.js': STANDALONE_SERVER });
    const server = await runCli(root, ['--platform', 'server', '--check']);
    expect(server.code).toBe(1);
    expect(server.stdout).not.toContain('+++');
    expect(server.stdout).toContain(
      'server.js:7:3: respond-last/work-after-response-on-server: left where it is (--platform server): this handler is served by a standalone server (`app.listen(...)`, line 10)',
    );
    expect(server.stdout).toMatch(/1 file scanned: 0 changed, 1 unchanged, 1 finding/);
    for (const argv of [[], ['--platform', 'functions'], ['--platform=functions']]) {
      const moved = await runCli(root, argv);
      expect(moved.stdout).toContain("-  res.status(202).send('queued');\n   await audit.record(req.body);\n+  res.status(202).send('queued');\n");
    }
    // --stdin too: the text comes back unchanged, the finding goes to stderr.
    const stdin = await runCli(root, ['--stdin', '--stdin-filename', 'server.js', '--platform', 'server'], {
      readStdin: async () => Buffer.from(STANDALONE_SERVER),
    });
    expect(stdin.stdout).toBe(STANDALONE_SERVER);
    expect(stdin.stderr).toMatch(/^server\.js:7:3: respond-last\/work-after-response-on-server: /);
    const bad = await runCli(root, ['--platform', 'vm']);
    expect(bad).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'sendlast: --platform must be one of functions, server (got "vm")\nRun "sendlast --help" for usage.\n',
    });
  });

  test('--list prints every transform with its description and the options it reads', async () => {
    const { transforms } = await import('../../transforms/index');
    const result = await runCli(process.cwd(), ['--list']);
    expect(result.code).toBe(0);
    const escapeRegExp = (text: string) => text.replace(/[()[\]{}.*+?^$|\\]/g, '\\$&');
    for (const [name, definition] of transforms) {
      const reads = definition.options.length > 0 ? ` \\(reads ${definition.options.map((o) => `--${o.name}`).join(', ')}\\)` : '';
      expect(result.stdout).toMatch(new RegExp(`^${name} +${escapeRegExp(definition.description)}${reads}$`, 'm'));
    }
    expect(result.stdout).toMatch(/^respond-last +.* \(reads --platform\)$/m);
    expect(result.stdout).not.toMatch(/^send-status .*\(reads /m);
  });

  test('--help has examples; --version prints the package version', async () => {
    const help = await runCli(process.cwd(), ['--help']);
    expect(help.stdout).toMatch(/^Usage: sendlast \[options\] \[paths\.\.\.\]/);
    expect(help.stdout).toContain('Examples:');
    const version = await runCli(process.cwd(), ['--version']);
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });
});

describe('worker threads', () => {
  const WORKER = path.join(__dirname, '..', '..', 'dist', 'cli', 'run', 'worker.js');
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) {
    files[`src/handler${i}.js`] = HANDLER;
    files[`src/plain${i}.js`] = PLAIN;
    files[`src/finding${i}.js`] = WITH_FINDING;
  }
  files['src/broken.js'] = BROKEN;
  const strip = (result: Awaited<ReturnType<typeof run>>) => result.files;

  beforeAll(() => ensureBuilt());

  test.each([1, 2, 3])('%i worker(s) (one runs the quick check when there are several): the same results as one thread alone', async (jobs) => {
    const root = tree(files);
    const alone = await run(runOptions(root, { workerFile: null }));
    const pooled = await run(runOptions(root, { jobs, workerFile: WORKER, minFilesForWorkers: 1 }));
    expect(alone.workers).toBe(0);
    expect(pooled.workers).toBe(jobs);
    expect(strip(pooled)).toEqual(strip(alone));
    expect(alone.files.filter((f) => f.status === 'changed')).toHaveLength(24);
    expect(alone.files.filter((f) => f.status === 'error')).toHaveLength(1);
  });

  test('the workers are used from minFilesForWorkers files found on, and only then', async () => {
    const root = tree(files);
    const count = Object.keys(files).length;
    const enough = await run(runOptions(root, { jobs: 2, workerFile: WORKER, minFilesForWorkers: count }));
    const tooFew = await run(runOptions(root, { jobs: 2, workerFile: WORKER, minFilesForWorkers: count + 1 }));
    expect([enough.workers, tooFew.workers]).toEqual([2, 0]);
    expect(strip(enough)).toEqual(strip(tooFew));
  });

  test('workers started while the walk goes on are stopped when the walk then fails', async () => {
    // Each worker is a thread of this process: Linux lists them under /proc/self/task.
    const threads = () => fs.readdirSync('/proc/self/task').length;
    const root = tree(files);
    const options = runOptions(root, { paths: ['src', 'no-such-dir/**/*.js'], jobs: 2, workerFile: WORKER, minFilesForWorkers: 1 });
    await run(runOptions(root, { jobs: 2, workerFile: WORKER, minFilesForWorkers: 1 }));
    const before = threads();
    await expect(run(options)).rejects.toThrow('"no-such-dir/**/*.js" (no file matches this glob)');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(threads()).toBe(before);
  });

  test('--platform reaches the workers: the same findings as one thread alone', async () => {
    const server: Record<string, string> = {};
    for (let i = 0; i < 6; i++) server[`src/server${i}.js`] = STANDALONE_SERVER;
    const root = tree(server);
    const alone = await run(runOptions(root, { transformOptions: { platform: 'server' }, workerFile: null }));
    const pooled = await run(runOptions(root, { transformOptions: { platform: 'server' }, jobs: 2, workerFile: WORKER, minFilesForWorkers: 1 }));
    expect(pooled.workers).toBe(2);
    expect(strip(pooled)).toEqual(strip(alone));
    expect(pooled.files.map((f) => [f.status, f.findings.map((x) => x.rule)])).toEqual(
      Array.from({ length: 6 }, () => ['unchanged', ['respond-last/work-after-response-on-server']]),
    );
  });

  test.each([1, 2])('interrupted while %i worker(s) work: stops cleanly, writes nothing', async (jobs) => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 300; i++) many[`src/handler${i}.js`] = HANDLER;
    const root = tree(many);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const controller = new AbortController();
      const result = await run(runOptions(root, { jobs, write: true, force: true, workerFile: WORKER, minFilesForWorkers: 1 }), {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(result.interrupted).toBe(true);
      expect(result.written).toEqual([]);
      expect(result.files.length).toBeLessThan(300);
      expect(fs.readFileSync(path.join(root, 'src/handler0.js'), 'utf8')).toBe(HANDLER);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  test.each([
    ['throws', `module.exports = () => { throw new Error('worker crashed'); };`],
    ['exits', `module.exports = () => { process.exit(1); };`],
  ])('a worker that %s: its batches are processed in this thread, nothing is lost', async (_, code) => {
    const root = tree(files);
    const crashing = path.join(tree({ 'worker.js': code }), 'worker.js');
    const alone = await run(runOptions(root, { workerFile: null }));
    for (const jobs of [1, 2]) {
      const pooled = await run(runOptions(root, { jobs, workerFile: crashing, minFilesForWorkers: 1 }));
      expect(strip(pooled)).toEqual(strip(alone));
    }
  });
});
