/**
 * The benchmark and corpus-check corpus: real third-party JS/TS sources from an npm install of a
 * pinned package list, plus generated handler files with the anti-patterns.
 *
 * Layout (all under `.cache/bench/` at the repository root, git-ignored):
 *   packages/        the npm install (`npm install --prefix packages --ignore-scripts ...`)
 *   corpus/          copied sources, `node_modules` path segments renamed to `nested_modules`
 *                    (runners skip `node_modules`), plus `sendlast-planted/`
 *   quick/           hard links to a fixed slice of corpus/ (`--quick`)
 *   manifest.json    the key the corpus was built for and every file in it
 *
 * Reproducible: exact versions, and `npm install --before=<date>` so transitive dependencies
 * resolve as they did on that date. Rebuilt only when the key (package list, date, filters,
 * planted-file generator) changes, or with `--rebuild`.
 *
 * Usage: node dist/bench/corpus.js [--quick] [--rebuild]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePlantedFiles } from './planted';

/** Exact versions, chosen with `npm view` (latest at the time, TypeScript kept on the 5.x JS line). */
export const CORPUS_PACKAGES: readonly string[] = [
  'typescript@5.9.3',
  '@babel/core@8.1.2',
  'jest@30.5.2',
  'webpack@5.112.2',
  'eslint@10.15.0',
  'lodash@4.18.1',
  'rxjs@7.8.2',
  'express@5.3.0',
  'firebase-functions@7.4.0',
  'firebase-admin@14.5.1',
  '@google-cloud/functions-framework@5.0.5',
  '@google-cloud/storage@8.4.0',
  'graphql@16.15.0',
  'mocha@12.0.3',
  'koa@3.3.0',
  'axios@1.21.1',
  'fastify@5.12.8',
  '@nestjs/core@12.5.1',
];

/** Transitive dependencies resolve as of this date (`npm install --before`). */
export const NPM_BEFORE = '2026-11-20T00:00:00.000Z';

export const SOURCE_EXTENSIONS: readonly string[] = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];
export const MAX_FILE_BYTES = 1024 * 1024;

/** 250 planted files, every fifth one a negative: 200 must change. */
export const PLANTED_COUNT = 250;
export const PLANTED_NEGATIVE_EVERY = 5;
export const PLANTED_SEED = 20261124;
export const PLANTED_DIR = 'sendlast-planted';

/** Number of third-party files in the `--quick` slice (the planted files come on top). */
export const QUICK_FILES = 1500;

/** Bump when the copy rules or layout change, so old caches are rebuilt. */
const LAYOUT_VERSION = 2;

export interface CorpusFile {
  /** Path relative to the corpus root, `/`-separated. */
  path: string;
  bytes: number;
}

export interface PlantedEntry {
  path: string;
  expectChange: boolean;
  shapes: string[];
}

export interface Corpus {
  /** Absolute path of the folder holding the files. */
  root: string;
  quick: boolean;
  files: CorpusFile[];
  planted: PlantedEntry[];
  bytes: number;
  packages: readonly string[];
}

interface Manifest {
  key: string;
  packages: readonly string[];
  before: string;
  files: CorpusFile[];
  planted: PlantedEntry[];
}

function findRepoRootFrom(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const name = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name;
      if (name === 'sendlast') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The repository root: the nearest folder above this script (or else the working directory) holding sendlast's package.json. */
export function findRepoRoot(): string {
  const root = findRepoRootFrom(__dirname) ?? findRepoRootFrom(process.cwd());
  if (!root) throw new Error(`no sendlast package.json above ${__dirname} or ${process.cwd()}`);
  return root;
}

export function getCacheDir(): string {
  return path.join(findRepoRoot(), '.cache', 'bench');
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function getInstallKey(): string {
  return hash({ packages: CORPUS_PACKAGES, before: NPM_BEFORE });
}

function getCorpusKey(): string {
  return hash({
    install: getInstallKey(),
    extensions: SOURCE_EXTENSIONS,
    maxBytes: MAX_FILE_BYTES,
    planted: [PLANTED_COUNT, PLANTED_NEGATIVE_EVERY, PLANTED_SEED, generatePlantedFiles(PLANTED_COUNT, PLANTED_SEED, PLANTED_NEGATIVE_EVERY)],
    layout: LAYOUT_VERSION,
  });
}

type Log = (message: string) => void;

function installPackages(packagesDir: string, log: Log): void {
  const keyFile = path.join(packagesDir, '.sendlast-install-key');
  const key = getInstallKey();
  if (fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key) return;
  fs.rmSync(packagesDir, { recursive: true, force: true });
  fs.mkdirSync(packagesDir, { recursive: true });
  fs.writeFileSync(path.join(packagesDir, 'package.json'), `${JSON.stringify({ name: 'sendlast-bench-corpus', private: true }, null, 2)}\n`);
  const args = [
    'install',
    '--prefix',
    packagesDir,
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--save-exact',
    '--loglevel=error',
    `--before=${NPM_BEFORE}`,
    ...CORPUS_PACKAGES,
  ];
  log(`installing ${CORPUS_PACKAGES.length} pinned packages into ${packagesDir} (npm ${args.slice(0, 9).join(' ')} ...)`);
  const result = spawnSync('npm', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm install failed (exit ${result.status ?? result.signal})`);
  fs.writeFileSync(keyFile, key);
}

function isSourceFile(name: string): boolean {
  const lower = name.toLowerCase();
  if (!SOURCE_EXTENSIONS.includes(path.extname(lower))) return false;
  if (/\.d\.[mc]?ts$/.test(lower)) return false;
  return !lower.includes('.min.');
}

/** Source files under `dir`, relative paths, symlinks not followed. */
function findSourceFiles(dir: string, relative = ''): CorpusFile[] {
  const found: CorpusFile[] = [];
  for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== '.bin') found.push(...findSourceFiles(dir, rel));
    } else if (entry.isFile() && isSourceFile(entry.name)) {
      const bytes = fs.statSync(path.join(dir, rel)).size;
      if (bytes <= MAX_FILE_BYTES) found.push({ path: rel, bytes });
    }
  }
  return found;
}

/** `a/node_modules/b/x.js` -> `a/nested_modules/b/x.js`: runners skip `node_modules` folders. */
function toCorpusPath(installed: string): string {
  return installed
    .split('/')
    .map((segment) => (segment === 'node_modules' ? 'nested_modules' : segment))
    .join('/');
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function buildCorpus(cacheDir: string, log: Log): Manifest {
  const packagesDir = path.join(cacheDir, 'packages');
  installPackages(packagesDir, log);
  const corpusDir = path.join(cacheDir, 'corpus');
  log(`copying sources into ${corpusDir}`);
  fs.rmSync(corpusDir, { recursive: true, force: true });
  fs.rmSync(path.join(cacheDir, 'quick'), { recursive: true, force: true });
  const files: CorpusFile[] = [];
  for (const file of findSourceFiles(path.join(packagesDir, 'node_modules'))) {
    const target = toCorpusPath(file.path);
    fs.mkdirSync(path.join(corpusDir, path.dirname(target)), { recursive: true });
    fs.copyFileSync(path.join(packagesDir, 'node_modules', file.path), path.join(corpusDir, target));
    files.push({ path: target, bytes: file.bytes });
  }
  const planted: PlantedEntry[] = [];
  fs.mkdirSync(path.join(corpusDir, PLANTED_DIR), { recursive: true });
  for (const file of generatePlantedFiles(PLANTED_COUNT, PLANTED_SEED, PLANTED_NEGATIVE_EVERY)) {
    const rel = `${PLANTED_DIR}/${file.path}`;
    fs.writeFileSync(path.join(corpusDir, rel), file.text);
    files.push({ path: rel, bytes: Buffer.byteLength(file.text) });
    planted.push({ path: rel, expectChange: file.expectChange, shapes: file.shapes });
  }
  files.sort(byPath);
  const manifest: Manifest = { key: getCorpusKey(), packages: CORPUS_PACKAGES, before: NPM_BEFORE, files, planted };
  fs.writeFileSync(path.join(cacheDir, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

function readManifest(cacheDir: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(cacheDir, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.key !== getCorpusKey()) return undefined;
    // A cache whose files were removed by hand is rebuilt rather than trusted.
    const last = manifest.files[manifest.files.length - 1];
    if (!last || !fs.existsSync(path.join(cacheDir, 'corpus', last.path))) return undefined;
    return manifest;
  } catch {
    return undefined;
  }
}

/** A fixed slice: every k-th third-party file in path order, then every planted file. */
function selectQuick(manifest: Manifest): CorpusFile[] {
  const plantedPaths = new Set(manifest.planted.map((p) => p.path));
  const thirdParty = manifest.files.filter((f) => !plantedPaths.has(f.path));
  const step = Math.max(1, Math.floor(thirdParty.length / QUICK_FILES));
  const slice = thirdParty.filter((_, i) => i % step === 0).slice(0, QUICK_FILES);
  return [...slice, ...manifest.files.filter((f) => plantedPaths.has(f.path))].sort(byPath);
}

/** Hard-links (or copies) corpus files into `cacheDir/<dir>`, unless `<dir>.key` says it is done. */
function linkFiles(cacheDir: string, dir: string, links: readonly { from: string; to: string }[], key: string): void {
  const target = path.join(cacheDir, dir);
  const keyFile = path.join(cacheDir, `${dir}.key`);
  if (fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key && fs.existsSync(target)) return;
  fs.rmSync(target, { recursive: true, force: true });
  for (const { from, to } of links) {
    const source = path.join(cacheDir, 'corpus', from);
    const destination = path.join(target, to);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    try {
      fs.linkSync(source, destination);
    } catch {
      fs.copyFileSync(source, destination);
    }
  }
  fs.writeFileSync(keyFile, key);
}

/**
 * The whole corpus `copies` times over, in `repeated/1/`, `repeated/2/`, ... (hard links): the
 * same files, several times as many, to show whether memory grows with the number of files.
 */
export function ensureRepeated(corpus: Corpus, copies: number): { root: string; files: number } {
  const cacheDir = getCacheDir();
  const links = Array.from({ length: copies }, (_, i) => corpus.files.map((f) => ({ from: f.path, to: `${i + 1}/${f.path}` }))).flat();
  const manifest = readManifest(cacheDir);
  linkFiles(cacheDir, 'repeated', links, `${manifest?.key ?? ''}:${copies}`);
  return { root: path.join(cacheDir, 'repeated'), files: links.length };
}

export interface CorpusOptions {
  quick?: boolean;
  rebuild?: boolean;
  log?: Log;
}

/** The corpus, built (or rebuilt) first when the cache does not match the pinned list. */
export function ensureCorpus(options: CorpusOptions = {}): Corpus {
  const log = options.log ?? ((message: string) => process.stderr.write(`corpus: ${message}\n`));
  const cacheDir = getCacheDir();
  fs.mkdirSync(cacheDir, { recursive: true });
  let manifest = options.rebuild ? undefined : readManifest(cacheDir);
  if (!manifest) manifest = buildCorpus(cacheDir, log);
  let files = manifest.files;
  let root = path.join(cacheDir, 'corpus');
  if (options.quick) {
    files = selectQuick(manifest);
    root = path.join(cacheDir, 'quick');
    linkFiles(
      cacheDir,
      'quick',
      files.map((f) => ({ from: f.path, to: f.path })),
      `${manifest.key}:${QUICK_FILES}`,
    );
  }
  const inSlice = new Set(files.map((f) => f.path));
  return {
    root,
    quick: options.quick ?? false,
    files,
    planted: manifest.planted.filter((p) => inSlice.has(p.path)),
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    packages: manifest.packages,
  };
}

/** One line describing the corpus, for reports. */
export function describeCorpus(corpus: Corpus): string {
  const expected = corpus.planted.filter((p) => p.expectChange).length;
  return (
    `${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB` +
    ` (${corpus.packages.length} pinned packages${corpus.quick ? ', quick slice' : ''};` +
    ` ${corpus.planted.length} planted, ${expected} must change) in ${path.relative(process.cwd(), corpus.root) || '.'}`
  );
}

function main(argv: readonly string[]): void {
  const corpus = ensureCorpus({ quick: argv.includes('--quick'), rebuild: argv.includes('--rebuild') });
  const byExtension = new Map<string, number>();
  for (const file of corpus.files) {
    const ext = path.extname(file.path);
    byExtension.set(ext, (byExtension.get(ext) ?? 0) + 1);
  }
  process.stdout.write(`${describeCorpus(corpus)}\n`);
  process.stdout.write(
    `${[...byExtension]
      .sort((a, b) => b[1] - a[1])
      .map(([ext, n]) => `${ext} ${n}`)
      .join(', ')}\n`,
  );
}

if (require.main === module) main(process.argv.slice(2));
