/**
 * The built binary (dist/cli/main.js), spawned: the smoke test, lazy loading for --version and
 * --help, and the same results on one thread and on worker threads (dist/cli/run/worker.js).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BIN, BROKEN, ensureBuilt, HANDLER, HANDLER_FIXED, makeTree, PLAIN, removeTree } from './helpers';

const ROOT = path.join(__dirname, '..', '..');

beforeAll(() => {
  ensureBuilt();
  expect(fs.existsSync(BIN)).toBe(true);
  expect(fs.existsSync(path.join(ROOT, 'dist', 'cli', 'run', 'worker.js'))).toBe(true);
}, 120_000);

const trees: string[] = [];
afterAll(() => trees.forEach(removeTree));
function tree(files: Record<string, string>): string {
  const root = makeTree(files);
  trees.push(root);
  return root;
}

function sendlast(cwd: string, args: string[], nodeArgs: string[] = []) {
  const result = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('smoke: a dry run, then --write, then --check', () => {
  const root = tree({ 'src/a.js': HANDLER, 'src/b.js': PLAIN });
  const dry = sendlast(root, []);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('--- a/src/a.js\n+++ b/src/a.js\n@@ -1,3 +1,4 @@\n');
  expect(dry.stdout).not.toMatch(/\x1b\[/);
  expect(fs.readFileSync(path.join(root, 'src/a.js'), 'utf8')).toBe(HANDLER);
  expect(sendlast(root, ['--check']).code).toBe(1);
  expect(sendlast(root, ['--write', '--force']).code).toBe(0);
  expect(fs.readFileSync(path.join(root, 'src/a.js'), 'utf8')).toBe(HANDLER_FIXED);
  expect(sendlast(root, ['--check']).code).toBe(0);
  expect(sendlast(root, ['nope']).code).toBe(2);
  fs.writeFileSync(path.join(root, 'src/bad.js'), BROKEN);
  const broken = sendlast(root, []);
  expect(broken.code).toBe(3);
  expect(broken.stderr).toMatch(/^src\/bad\.js:2:\d+: /m);
}, 60_000);

test('--version and --help load none of the heavy modules', () => {
  const hook = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sendlast-hook-')), 'hook.js');
  trees.push(path.dirname(hook));
  // The transform options' declarations (their flags and help lines) are the one module of transforms/ they load: it loads nothing.
  fs.writeFileSync(
    hook,
    "const light = require('path').join('transforms', 'lib', 'options.js');\n" +
      "process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('node_modules') || (k.includes('transforms') && !k.endsWith(light))))));\n",
  );
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const version = sendlast(ROOT, ['--version'], ['--require', hook]);
  expect(version.stdout).toBe(`${pkg.version}\n`);
  expect(JSON.parse(version.stderr)).toEqual([]);
  const help = sendlast(ROOT, ['--help'], ['--require', hook]);
  expect(help.stdout).toContain('Examples:');
  expect(JSON.parse(help.stderr)).toEqual([]);
}, 30_000);

test('-j 1 and -j 2 (worker threads) give identical output', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 260; i++) {
    const dir = `pkg${i % 7}/sub${i % 3}`;
    if (i % 5 === 0) files[`${dir}/handler${i}.js`] = HANDLER.replace('Promise.resolve()', `Promise.resolve(${i})`);
    else if (i % 37 === 0) files[`${dir}/bad${i}.js`] = BROKEN;
    else files[`${dir}/plain${i}.ts`] = PLAIN;
  }
  const root = tree(files);
  const normalise = (json: string) => {
    const report = JSON.parse(json) as { summary: { durationMs?: number } };
    delete report.summary.durationMs;
    return report;
  };
  const one = sendlast(root, ['--json', '-j', '1']);
  const two = sendlast(root, ['--json', '-j', '2']);
  expect(one.code).toBe(3);
  expect(two.code).toBe(3);
  expect(normalise(two.stdout)).toEqual(normalise(one.stdout));
  const expectedListed = Object.keys(files).filter((name) => !name.includes('plain')).length;
  expect((normalise(one.stdout) as unknown as { files: unknown[] }).files.length).toBe(expectedListed);

  const stripTime = (text: string) => text.replace(/\(\d+(?:\.\d+)?m?s\)/g, '(TIME)');
  const textOne = sendlast(root, ['-j', '1']);
  const textTwo = sendlast(root, ['-j', '2', '--verbose']);
  expect(stripTime(textTwo.stdout)).toBe(stripTime(textOne.stdout));
  expect(textTwo.stderr).toContain('processed on 2 worker threads');
  expect(textTwo.stderr.split('\n').filter((l) => l.includes('bad'))).toEqual(textOne.stderr.split('\n').filter((l) => l.includes('bad')));

  expect(sendlast(root, ['--write', '--force', '-j', '2']).code).toBe(3);
  expect(fs.readFileSync(path.join(root, 'pkg0/sub0/handler0.js'), 'utf8')).toBe(HANDLER_FIXED.replace('Promise.resolve()', 'Promise.resolve(0)'));
  expect(sendlast(root, ['--check', '-j', '2', '--ignore', 'bad*.js']).code).toBe(0);
}, 120_000);

test('the V8 flags the command line sets at start-up are all known to this Node (an unknown one would be printed on stdout)', () => {
  const { V8_FLAGS } = require(path.join(ROOT, 'dist', 'cli', 'main.js')) as { V8_FLAGS: readonly string[] };
  expect(V8_FLAGS.length).toBeGreaterThan(0);
  const known = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
  for (const flag of V8_FLAGS) {
    const name = flag.replace(/=.*$/, '');
    expect(known).toContain(`  ${name} (`);
  }
});
