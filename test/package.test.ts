/**
 * The published package: what `npm pack` puts in the tarball, and that the tarball, installed on
 * its own (offline, from the npm cache), runs. And the one jscodeshift entry that runs every
 * transform (`dist/transforms/all.js`), through jscodeshift's own runner. Needs the build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyTransforms } from '../transforms/index';
import { ensureBuilt, HANDLER, HANDLER_FIXED, useTempTrees } from './cli/helpers';

const ROOT = path.join(__dirname, '..');
const JSCODESHIFT = path.join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tree = useTempTrees();

beforeAll(() => ensureBuilt());

function jscodeshift(args: string[]): string {
  return execFileSync(process.execPath, [JSCODESHIFT, ...args], { cwd: ROOT, encoding: 'utf8' });
}

const PIPED = `const functions = require('@google-cloud/functions-framework');
functions.http('download', (req, res) => {
  return bucket.file(req.query.name).createReadStream().pipe(res);
});
functions.http('cancel', async (req, res) => {
  await ref.update({ status: 'cancelled' });
  res.send(200);
  publish(ref.id);
});
`;

describe('dist/transforms/all.js under jscodeshift', () => {
  test('applies every transform in order, as the CLI does, and reports findings with their rule', () => {
    const root = tree({ 'a.js': PIPED, 'b.js': HANDLER });
    const out = jscodeshift(['-t', 'dist/transforms/all.js', root]);
    const expected = applyTransforms(PIPED, { path: 'a.js' });
    expect(expected.applied).toEqual(['respond-last', 'send-status']);
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(expected.output);
    expect(fs.readFileSync(path.join(root, 'b.js'), 'utf8')).toBe(HANDLER_FIXED);
    expect(out).toContain(`a.js:3:3: await-then-send/response-piped: ${expected.findings[0]!.message}`);
  });

  test('TypeScript with --extensions=ts,tsx --parser=ts, and --respond', () => {
    const root = tree({ 'h.ts': 'export const h = (req: any, res: any): void => {\n  return save(req.body);\n};\n', 'skip.js': HANDLER });
    jscodeshift(['-t', 'dist/transforms/all.js', '--extensions=ts,tsx', '--parser=ts', '--respond=res.status(204).end()', root]);
    expect(fs.readFileSync(path.join(root, 'h.ts'), 'utf8')).toBe(
      'export const h = async (req: any, res: any): Promise<void> => {\n  await save(req.body);\n  res.status(204).end();\n};\n',
    );
    expect(fs.readFileSync(path.join(root, 'skip.js'), 'utf8')).toBe(HANDLER);
  });
});

describe('npm pack', () => {
  let tarball = '';
  let files: string[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sendlast-pack-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    // The build is fresh (ensureBuilt); --ignore-scripts skips the prepare script's second build.
    const packed = execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
    const [info] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(work, info!.filename);
    files = info!.files.map((file) => file.path).sort();
  }, 120_000);

  test('the tarball holds what runs: the CLI, the transforms, the schemas, README, LICENSE; no tests, fixtures or bench', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'dist/cli/main.js',
        'dist/cli/run/worker.js',
        'dist/transforms/all.js',
        'dist/transforms/index.js',
        'schemas/report.schema.json',
        'schemas/baseline.schema.json',
      ]),
    );
    const outside = files.filter(
      (file) => !/^(dist\/cli\/|dist\/transforms\/|schemas\/)/.test(file) && !['LICENSE', 'README.md', 'package.json'].includes(file),
    );
    expect(outside).toEqual([]);
    expect(files.filter((file) => /(^|\/)(test|tests|__tests__|__testfixtures__|fixtures|bench|examples)\/|\.test\.|\.map$|\.ts$/.test(file))).toEqual([]);
  });

  /**
   * A prefix whose lockfile pins the runtime dependencies to the versions of this repository's
   * lockfile, so that `npm install --offline` resolves them without the registry (this lockfile
   * records no tarball URLs: they are the registry's usual ones; the tarballs themselves come from
   * the npm cache, by integrity).
   */
  function seedPrefix(prefix: string): void {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
    const packages: Record<string, unknown> = { '': { name: 'sendlast-install-check' } };
    for (const [key, entry] of Object.entries(lock.packages)) {
      if (!key.startsWith('node_modules/') || entry.dev) continue;
      const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const resolved = `https://registry.npmjs.org/${name}/-/${name.split('/').pop()!}-${String(entry.version)}.tgz`;
      packages[key] = { resolved, ...entry };
    }
    fs.mkdirSync(prefix, { recursive: true });
    fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'sendlast-install-check', private: true }));
    fs.writeFileSync(path.join(prefix, 'package-lock.json'), JSON.stringify({ name: 'sendlast-install-check', lockfileVersion: 3, requires: true, packages }));
  }

  test('installed from the tarball alone (offline, from the npm cache): --version and a dry run work, and it is small', () => {
    const prefix = path.join(work, 'prefix');
    seedPrefix(prefix);
    const install = spawnSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { encoding: 'utf8' });
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.status).toBe(0);
    const bin = path.join(prefix, 'node_modules', '.bin', 'sendlast');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const root = tree({ 'src/index.js': HANDLER });
    const dry = spawnSync(bin, ['src'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('--- a/src/index.js\n+++ b/src/index.js\n');
    expect(dry.stdout).toContain('1 file scanned: 1 changed');
    // Nothing that only the tests use came along.
    for (const name of ['jscodeshift', 'recast', 'jest', 'typescript', 'ajv']) {
      expect(fs.existsSync(path.join(prefix, 'node_modules', name))).toBe(false);
    }
    const size = spawnSync('du', ['-sk', path.join(prefix, 'node_modules')], { encoding: 'utf8' });
    const kilobytes = Number(size.stdout.split('\t')[0]);
    expect(kilobytes).toBeGreaterThan(0);
    expect(kilobytes).toBeLessThan(15 * 1024);
  }, 180_000);
});
