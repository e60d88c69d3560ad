/** Shared by the tests under test/cli/: temporary trees, git, and running main() in-process. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_EXTENSIONS, DEFAULT_MAX_SIZE } from '../../cli/args';
import { main, type MainEnvironment, type OutputStream } from '../../cli/main';
import type { RunOptions } from '../../cli/run/runner';

export const HANDLER = 'exports.handler = (req, res) => {\n  return Promise.resolve(req.body);\n};\n';
export const HANDLER_FIXED = 'exports.handler = async (req, res) => {\n  await Promise.resolve(req.body);\n  res.sendStatus(200);\n};\n';
export const PLAIN = 'const answer = 42;\nmodule.exports = answer;\n';
export const BROKEN = 'exports.handler = (req, res) => {\n  return Promise.resolve(;\n};\n';

/** A fresh temporary directory holding `files` (path -> content). */
export function makeTree(files: Record<string, string | Buffer>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sendlast-cli-')));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** Every file under `root` (except .git) -> bytes. */
export function snapshot(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(path.relative(root, full), fs.readFileSync(full));
    }
  };
  walk(root);
  return files;
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: GIT_ENV });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** `git init` + commit everything. */
export function commitAll(root: string): void {
  if (!fs.existsSync(path.join(root, '.git'))) git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', 'init');
}

function captureStream(isTTY: boolean): OutputStream & { text(): string; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  return {
    isTTY,
    columns: 80,
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
      return true;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    bytes: () => Buffer.concat(chunks),
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Run the command line in-process (cli/main.ts' main) in `cwd`. */
export async function runCli(
  cwd: string,
  argv: string[],
  extra: Partial<Omit<MainEnvironment, 'argv' | 'cwd' | 'stdout' | 'stderr'>> & { tty?: boolean } = {},
): Promise<CliRun> {
  const { tty = false, ...rest } = extra;
  const stdout = captureStream(tty);
  const stderr = captureStream(tty);
  const code = await main({ argv, cwd, env: {}, stdout, stderr, cores: 1, ...rest });
  return { code, stdout: stdout.text(), stderr: stderr.text(), stdoutBytes: stdout.bytes() };
}

/** Options for the runner's `run()` as the command line would pass them, with `overrides`. */
export function runOptions(cwd: string, overrides: Partial<RunOptions> = {}): RunOptions {
  return {
    cwd,
    paths: ['.'],
    parser: 'auto',
    transformOptions: {},
    extensions: DEFAULT_EXTENSIONS,
    ignore: [],
    gitignore: true,
    maxSize: DEFAULT_MAX_SIZE,
    jobs: 1,
    write: false,
    force: false,
    ...overrides,
  };
}

const ROOT = path.join(__dirname, '..', '..');
/** The built command line. */
export const BIN = path.join(ROOT, 'dist', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; build here too when dist/ is missing or older than the sources. */
export function ensureBuilt(): void {
  const built = fs.existsSync(BIN) ? fs.statSync(BIN).mtimeMs : 0;
  if (built < Math.max(newestSource(path.join(ROOT, 'cli')), newestSource(path.join(ROOT, 'transforms')))) {
    spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
  }
}

/**
 * A `tree(files)` that makes temporary trees and removes them after the test file's last test.
 * Call at the top level of a test file.
 */
export function useTempTrees(): (files: Record<string, string | Buffer>) => string {
  const trees: string[] = [];
  afterAll(() => trees.forEach(removeTree));
  return (files) => {
    const root = makeTree(files);
    trees.push(root);
    return root;
  };
}

/** Output with the run's duration replaced, so it can be compared exactly. */
export const stripTime = (text: string): string => text.replace(/\(\d+(?:\.\d+)?m?s\)/g, '(TIME)');

type Validator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
const validators = new Map<string, Validator>();

/** A validator for one of the shipped JSON schemas (`report`, `baseline`) or the official SARIF 2.1.0 schema (`sarif`). */
export function getSchemaValidator(name: 'report' | 'baseline' | 'sarif'): Validator {
  let validate = validators.get(name);
  if (validate) return validate;
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  // unicodeRegExp off: the official SARIF schema's `language` pattern has a stray `]`, an error
  // only under the `u` flag (JSON Schema patterns are ECMA-262 regular expressions without it).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as object;
  ajv.addSchema(read(path.join(ROOT, 'schemas', 'baseline.schema.json')), 'baseline.schema.json');
  if (name === 'sarif') {
    // The official schema, as @microsoft/jest-sarif ships it.
    // It is a draft-04 schema: its `id` is `$id` in the draft-07 that ajv reads; nothing else differs.
    const { $schema: _draft, id, ...schema } = read(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')) as Record<string, unknown>;
    validate = ajv.compile({ ...schema, $id: String(id) }) as Validator;
  } else if (name === 'baseline') {
    validate = ajv.getSchema('baseline.schema.json') as Validator;
  } else {
    validate = ajv.compile(read(path.join(ROOT, 'schemas', 'report.schema.json'))) as Validator;
  }
  validators.set(name, validate);
  return validate;
}

/** Fails with the schema's messages when `data` does not match it. */
export function expectSchemaValid(name: 'report' | 'baseline' | 'sarif', data: unknown): void {
  const validate = getSchemaValidator(name);
  const valid = validate(data);
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  expect(errors).toEqual([]);
  expect(valid).toBe(true);
}
