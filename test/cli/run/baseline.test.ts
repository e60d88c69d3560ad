/**
 * `--check` that can go green: a baseline acknowledges reviewed findings (keyed by path, rule and a
 * hash of the site's text), stale entries are listed, and a new problem fails the check again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyBaseline, createBaseline, readBaseline, renderBaseline, type Baseline } from '../../../cli/run/baseline';
import { commitAll, expectSchemaValid, git, runCli, useTempTrees } from '../helpers';

// Each test runs the command line several times; a busy machine makes that slow.
jest.setTimeout(60_000);

const tree = useTempTrees();

const INDEX = `const functions = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');
const db = new Firestore();

functions.http('save', (req, res) => {
  return db.doc(req.query.id).set(req.body);
});

functions.http('download', (req, res) => {
  return bucket.file(req.query.name).createReadStream().pipe(res);
});

functions.http('hello', (req, res) => {
  return 'ok';
});
`;

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('a reviewed migration goes green with a committed baseline', () => {
  test('green after --write and --update-baseline; red again on a new return db.doc(id).set(x); stale entries listed', async () => {
    const root = tree({ 'functions/index.js': INDEX, 'functions/package.json': '{}\n' });
    commitAll(root);

    // Before the migration: a change is pending and two findings are unreviewed.
    const before = await runCli(root, ['--check', '.']);
    expect(before.code).toBe(1);

    // The migration: apply, accept the remaining findings in a baseline, commit both.
    expect((await runCli(root, ['--write', '.'])).code).toBe(0);
    const update = await runCli(root, ['--update-baseline', '--baseline', 'sendlast-baseline.json', '.']);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('Baseline sendlast-baseline.json written: 2 entries.');
    const baselineFile = path.join(root, 'sendlast-baseline.json');
    const baseline = readJson(baselineFile) as Baseline;
    expectSchemaValid('baseline', baseline);
    expect(baseline.findings.map((entry) => [entry.path, entry.rule, entry.count])).toEqual([
      ['functions/index.js', 'await-then-send/response-piped', 1],
      ['functions/index.js', 'await-then-send/returns-plain-value', 1],
    ]);
    expect(baseline.findings[1]!.site).toBe("return 'ok';");
    commitAll(root);

    const green = await runCli(root, ['--check', '--baseline', 'sendlast-baseline.json', '.']);
    expect(green.stderr).toBe('');
    expect(green.code).toBe(0);
    expect(green.stdout).toContain('2 findings acknowledged by sendlast-baseline.json.');
    expect(green.stdout).toMatch(/1 file scanned: 0 changed, 1 unchanged, 0 findings, 0 errors/);
    // Without the baseline the same tree fails on the findings.
    expect((await runCli(root, ['--check', '.'])).code).toBe(1);

    // Lines moving above the accepted sites do not matter.
    const index = path.join(root, 'functions/index.js');
    fs.writeFileSync(index, `// a comment\n\n${fs.readFileSync(index, 'utf8').replace("functions.http('hello'", "\n\nfunctions.http('hello'")}`);
    expect((await runCli(root, ['--check', '--baseline', 'sendlast-baseline.json', '.'])).code).toBe(0);

    // A new handler that returns its promise: red again, and -q still says why.
    fs.appendFileSync(index, "\nfunctions.http('update', (req, res) => {\n  return db.doc(req.query.id).set(req.body);\n});\n");
    const red = await runCli(root, ['--check', '-q', '--baseline', 'sendlast-baseline.json', '.']);
    expect(red.code).toBe(1);
    expect(red.stdout).toBe('functions/index.js: would change (await-then-send)\n');

    // A second copy of an accepted site is a new finding: counts matter.
    fs.writeFileSync(index, `${fs.readFileSync(index, 'utf8')}\nfunctions.http('hello2', (req, res) => {\n  return 'ok';\n});\n`);
    const twice = await runCli(root, ['--check', '-q', '--baseline', 'sendlast-baseline.json', 'functions/index.js']);
    expect(twice.code).toBe(1);
    expect(twice.stdout).toMatch(/^functions\/index\.js:\d+:3: await-then-send\/returns-plain-value: returns a plain value/m);

    // The accepted `return 'ok'` fixed by hand: its entry is stale, reported, not failing.
    git(root, 'checkout', '--', 'functions/index.js');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace("return 'ok';", "res.send('ok');"));
    const stale = await runCli(root, ['--check', '--baseline', 'sendlast-baseline.json', '.']);
    expect(stale.code).toBe(0);
    expect(stale.stdout).toContain('sendlast-baseline.json: 1 stale entry matches no finding any more (refresh with --update-baseline):');
    expect(stale.stdout).toMatch(/ {2}functions\/index\.js: await-then-send\/returns-plain-value [0-9a-f]{16} \(return 'ok';\)/);
    const json = await runCli(root, ['--check', '--format', 'json', '--baseline', 'sendlast-baseline.json', '.']);
    const report = JSON.parse(json.stdout) as { baseline: { acknowledged: number; stale: unknown[] } };
    expectSchemaValid('report', report);
    expect(report.baseline.acknowledged).toBe(1);
    expect(report.baseline.stale).toHaveLength(1);

    // Refreshing drops the stale entry; the file stays sorted and byte-for-byte stable.
    expect((await runCli(root, ['--update-baseline', '--baseline', 'sendlast-baseline.json', '.'])).code).toBe(0);
    const refreshed = fs.readFileSync(baselineFile, 'utf8');
    expect((JSON.parse(refreshed) as Baseline).findings.map((entry) => entry.rule)).toEqual(['await-then-send/response-piped']);
    expect((await runCli(root, ['--update-baseline', '--baseline', 'sendlast-baseline.json', '.'])).code).toBe(0);
    expect(fs.readFileSync(baselineFile, 'utf8')).toBe(refreshed);
  }, 60_000);

  test('the baseline file is sorted and keeps entries of files the run did not scan', async () => {
    const root = tree({ 'b.js': INDEX, 'a/x.js': INDEX });
    expect((await runCli(root, ['--update-baseline'])).code).toBe(0);
    const all = readJson(path.join(root, 'sendlast-baseline.json')) as Baseline;
    expect(all.version).toBe(1);
    expect(all.findings.map((entry) => entry.path)).toEqual(['a/x.js', 'a/x.js', 'b.js', 'b.js']);
    expect(renderBaseline(all)).toBe(fs.readFileSync(path.join(root, 'sendlast-baseline.json'), 'utf8'));
    // A run over one file leaves the other file's entries alone.
    expect((await runCli(root, ['--update-baseline', 'b.js'])).code).toBe(0);
    expect(readJson(path.join(root, 'sendlast-baseline.json'))).toEqual(all);
    // Paths are relative to the baseline's folder, wherever sendlast runs from.
    const fromSub = await runCli(path.join(root, 'a'), ['--check', '--baseline', '../sendlast-baseline.json', '.']);
    expect(fromSub.stdout).toContain('2 findings acknowledged by ../sendlast-baseline.json.');
  });

  test('a missing or malformed baseline is a usage error, before any work', async () => {
    const root = tree({ 'a.js': INDEX, 'bad.json': '{"version": 2, "findings": []}', 'broken.json': '{' });
    const missing = await runCli(root, ['--check', '--baseline', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('baseline nope.json does not exist (create it with --update-baseline)');
    expect((await runCli(root, ['--baseline', 'bad.json'])).stderr).toContain('unsupported version 2');
    expect((await runCli(root, ['--baseline', 'broken.json'])).stderr).toContain('is not valid JSON');
    expect(() => readBaseline(path.join(root, 'broken.json'), 'broken.json')).toThrow(/not valid JSON/);
  });

  test('applyBaseline and createBaseline agree: a fresh baseline acknowledges everything and nothing is stale', async () => {
    const root = tree({ 'a.js': INDEX });
    const { run } = await import('../../../cli/run/runner');
    const { runOptions } = await import('../helpers');
    const result = await run(runOptions(root));
    const file = path.join(root, 'sendlast-baseline.json');
    const baseline = createBaseline(result, file, root, null);
    const outcome = applyBaseline(result, baseline, file, root);
    expect(outcome.acknowledged).toBe(2);
    expect(outcome.stale).toEqual([]);
    expect(outcome.result.files.flatMap((f) => f.findings)).toEqual([]);
    // The run's own result is left as it was (the review report shows every finding).
    expect(result.files.flatMap((f) => f.findings)).toHaveLength(2);
  });
});

test('--check -q prints one line per reason for failure, and nothing when it passes', async () => {
  const root = tree({ 'a.js': INDEX, 'ok.js': 'const x = 1;\n' });
  const failing = await runCli(root, ['--check', '-q']);
  expect(failing.code).toBe(1);
  expect(failing.stdout.split('\n')).toEqual([
    'a.js: would change (await-then-send)',
    'a.js:10:3: await-then-send/response-piped: returns a stream piped into the response; the stream responds, nothing to await',
    expect.stringMatching(/^a\.js:14:3: await-then-send\/returns-plain-value: /),
    '',
  ]);
  const passing = await runCli(root, ['--check', '-q', 'ok.js']);
  expect(passing).toMatchObject({ code: 0, stdout: '', stderr: '' });
});
