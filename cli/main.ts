#!/usr/bin/env node
/**
 * argv -> options -> runner -> render -> exit code. The only file that touches `process`: the
 * rest of the command line gets its argv, directory, environment and streams from here. Modules
 * that are slow to load (the transforms with Babel, jsdiff, piscina) are required lazily, so
 * `--version` and `--help` load none of them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { checkTransformNames, HELP, parseCliArgs, type CliOptions, type ParsedArgs } from './args';
import { UsageError } from './errors';
import type { BaselineSummary } from './output/render';
import type { RunOptions, RunResult } from './run/runner';
import type { KeyInput } from './interactive/terminal';
import type { TransformOptions } from '../transforms/lib/types';

export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface MainEnvironment {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Keys for --interactive (process.stdin); it must be a TTY. */
  stdin?: KeyInput;
  /** All of stdin, for --stdin and --files-from - (process.stdin, read to its end). */
  readStdin?: () => Promise<Buffer>;
  /** Ctrl-C: stop (with --write, after the file being written). */
  signal?: AbortSignal;
  /** Worker threads when --jobs is not given. */
  cores?: number;
  /** Passed to the runner (tests). */
  workerFile?: string | null;
  minFilesForWorkers?: number;
}

export const EXIT = { ok: 0, check: 1, usage: 2, errors: 3, interrupted: 130 } as const;

/** Colours on a terminal, unless NO_COLOR is set (or TERM=dumb); FORCE_COLOR forces them. */
export function shouldColor(stream: OutputStream, env: MainEnvironment['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

function readVersion(): string {
  // cli/main.ts (tests) and dist/cli/main.js (built) sit at different depths.
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sendlast' && pkg.version) return pkg.version;
    } catch {
      // try the next one
    }
  }
  return 'unknown';
}

type TransformsModule = typeof import('../transforms/index');
const loadTransforms = () => require('../transforms/index') as TransformsModule;

export function getExitCode(result: RunResult, options: CliOptions): number {
  if (result.interrupted) return EXIT.interrupted;
  let errors = false;
  let changesOrFindings = false;
  for (const file of result.files) {
    if (file.status === 'error') errors = true;
    if (file.status === 'changed' || file.findings.length > 0) changesOrFindings = true;
  }
  if (errors) return EXIT.errors;
  if (options.mode === 'check' && changesOrFindings) return EXIT.check;
  return EXIT.ok;
}

/** A progress bar on stderr, drawn only when the run takes more than a moment. */
function createProgress(stream: OutputStream) {
  const started = Date.now();
  let drawn = false;
  let lastDraw = 0;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (now - started < 300 || now - lastDraw < 80) return;
      lastDraw = now;
      drawn = true;
      // Lazy: render.ts loads picocolors, which --version never needs.
      const { renderProgress } = require('./output/render') as typeof import('./output/render');
      stream.write(`\r${renderProgress(done, total, stream.columns ?? 80, now - started)}\x1b[K`);
    },
    clear() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/**
 * A stage of `main` could not go on: it has said why on stderr, and the run ends with `code`.
 * Thrown by the stages, caught by `main` alone.
 */
class Exit {
  constructor(readonly code: number) {}
}

/** Say what is wrong with the command line, and how to get help: a usage error. */
function failUsage(stderr: OutputStream, message: string): Exit {
  stderr.write(`sendlast: ${message}\nRun "sendlast --help" for usage.\n`);
  return new Exit(EXIT.usage);
}

/** A file the run could not read or write (a list, a report, the output): a usage error without the hint. */
function failFile(stderr: OutputStream, message: string): Exit {
  stderr.write(`sendlast: ${message}\n`);
  return new Exit(EXIT.usage);
}

export async function main(environment: MainEnvironment): Promise<number> {
  const parsed = parseCliArgs(environment.argv);
  if (parsed.kind !== 'run') return runInfoCommand(parsed, environment);
  const options = parsed.options;
  try {
    const transformOptions = validateOptions(options, environment);
    if (options.stdinFilename !== undefined) return await runStdin(environment, options, transformOptions, options.stdinFilename);
    const listed = await getListedFiles(options, environment);
    // The baseline is read before the run: a missing or broken one fails at once.
    const baseline = getBaselineInput(options, environment);
    const result = await getRunResult(getRunOptions(options, transformOptions, environment, listed), options, environment);
    if (options.interactive && environment.stdin) return await reviewInteractively(result, options, transformOptions, environment, environment.stdin);
    return emitResult(result, options, environment, baseline);
  } catch (error) {
    if (error instanceof Exit) return error.code;
    throw error;
  }
}

/** The commands that run nothing: --help, --version, --list, and a command line that does not parse. */
function runInfoCommand(parsed: Exclude<ParsedArgs, { kind: 'run' }>, environment: MainEnvironment): number {
  const { stdout, stderr, env } = environment;
  switch (parsed.kind) {
    case 'error':
      return failUsage(stderr, parsed.message).code;
    case 'help':
      stdout.write(HELP);
      return EXIT.ok;
    case 'version':
      stdout.write(`${readVersion()}\n`);
      return EXIT.ok;
    case 'list': {
      const { transforms } = loadTransforms();
      const { renderTransformList } = require('./output/render') as typeof import('./output/render');
      stdout.write(renderTransformList([...transforms.values()], shouldColor(stdout, env)));
      return EXIT.ok;
    }
  }
}

/**
 * What the parser cannot check alone: transform names, a terminal for --interactive, the transform
 * options (the --respond template). The transform options, parsed once for every file and transform.
 */
function validateOptions(options: CliOptions, environment: MainEnvironment): TransformOptions {
  const { stderr } = environment;
  if (options.transforms) {
    const problem = checkTransformNames(options.transforms, loadTransforms().TRANSFORM_NAMES);
    if (problem) throw failUsage(stderr, problem);
  }
  if (options.interactive && !environment.stdin?.isTTY) {
    throw failUsage(
      stderr,
      '--interactive asks about each change on the terminal, but stdin is not a terminal.\n' +
        'Run it in a terminal, or review with --patch FILE or --report FILE and apply with --write.',
    );
  }
  const { parseTransformOptions } = require('../transforms/lib/options') as typeof import('../transforms/lib/options');
  const parsed = parseTransformOptions(options.transformOptions);
  if (parsed.error !== undefined) throw failUsage(stderr, parsed.error);
  return parsed.value;
}

/** The paths of `--files-from` (a file, or `-` for stdin); undefined without it. */
async function getListedFiles(options: CliOptions, environment: MainEnvironment): Promise<string[] | undefined> {
  if (options.filesFrom === undefined) return undefined;
  try {
    const bytes = options.filesFrom === '-' ? await readAllStdin(environment) : fs.readFileSync(path.resolve(environment.cwd, options.filesFrom));
    return parseFileList(bytes.toString('utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw failFile(environment.stderr, `cannot read --files-from ${options.filesFrom} (${code ?? (error as Error).message})`);
  }
}

type BaselineModule = typeof import('./run/baseline');

/** `--baseline` / `--update-baseline`: the file as shown and resolved, and its entries when it exists. */
interface BaselineInput {
  module: BaselineModule;
  shown: string;
  file: string;
  /** null: no file yet (only with --update-baseline, which creates it). */
  baseline: import('./run/baseline').Baseline | null;
}

/** The baseline to apply or update, read now; null without --baseline or --update-baseline. */
function getBaselineInput(options: CliOptions, environment: MainEnvironment): BaselineInput | null {
  if (options.baseline === undefined && !options.updateBaseline) return null;
  const module = require('./run/baseline') as BaselineModule;
  const shown = options.baseline ?? module.DEFAULT_BASELINE_FILE;
  const file = path.resolve(environment.cwd, shown);
  try {
    const baseline = !options.updateBaseline || fs.existsSync(file) ? module.readBaseline(file, shown) : null;
    return { module, shown, file, baseline };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw failUsage(environment.stderr, error.message);
  }
}

/** Run the files through the runner, with a progress bar on a terminal. */
async function getRunResult(runOptions: RunOptions, options: CliOptions, environment: MainEnvironment): Promise<RunResult> {
  const { run } = require('./run/runner') as typeof import('./run/runner');
  const { stderr } = environment;
  const showProgress = Boolean(stderr.isTTY) && options.format === 'text' && !options.quiet;
  const progress = showProgress ? createProgress(stderr) : undefined;
  let result: RunResult;
  try {
    result = await run(runOptions, { signal: environment.signal, onProgress: progress?.update });
  } catch (error) {
    progress?.clear();
    if (error instanceof UsageError) throw failFile(stderr, error.message);
    throw error;
  }
  progress?.clear();
  return result;
}

function getRunOptions(options: CliOptions, transformOptions: TransformOptions, environment: MainEnvironment, listed: string[] | undefined): RunOptions {
  return {
    cwd: environment.cwd,
    paths: options.paths,
    transforms: options.transforms,
    parser: options.parser,
    transformOptions,
    extensions: options.extensions,
    ignore: options.ignore,
    gitignore: options.gitignore,
    include: options.include,
    exclude: options.exclude,
    listed,
    errorOnUnmatched: options.errorOnUnmatchedPattern,
    maxSize: options.maxSize,
    includeGenerated: options.includeGenerated,
    jobs: options.jobs ?? environment.cores ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
    write: options.mode === 'write',
    force: options.force,
    workerFile: environment.workerFile,
    minFilesForWorkers: environment.minFilesForWorkers,
  };
}

/** `--interactive`: review the run's changes site by site, write what was accepted; its exit code. */
async function reviewInteractively(
  result: RunResult,
  options: CliOptions,
  transformOptions: TransformOptions,
  environment: MainEnvironment,
  keys: KeyInput,
): Promise<number> {
  const { stdout, stderr, env } = environment;
  if (result.interrupted) {
    stderr.write('interrupted: nothing was written\n');
    return EXIT.interrupted;
  }
  const { runInteractive } = require('./interactive/run') as typeof import('./interactive/run');
  try {
    const outcome = await runInteractive({
      cwd: environment.cwd,
      result,
      transforms: options.transforms,
      parser: options.parser,
      transformOptions,
      force: options.force,
      color: shouldColor(stdout, env),
      out: stdout,
      err: stderr,
      keys,
    });
    return outcome.interrupted ? EXIT.interrupted : outcome.errors > 0 ? EXIT.errors : EXIT.ok;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw failFile(stderr, error.message);
  }
}

/** Everything a run produces, in order: review reports, the patch, the baseline, the output; then the exit code. */
function emitResult(result: RunResult, options: CliOptions, environment: MainEnvironment, baseline: BaselineInput | null): number {
  writeReviewReports(result, options, environment);
  if (options.patch !== undefined) writePatch(result, options.patch, environment);
  const applied = baseline ? applyBaselineInput(result, options, environment, baseline) : { result, summary: undefined };
  writeOutput(applied.result, options, environment, applied.summary);
  return getExitCode(applied.result, options);
}

/** `--report FILE` (each of them). Review reports show every finding, acknowledged or not: they are for the review. */
function writeReviewReports(result: RunResult, options: CliOptions, environment: MainEnvironment): void {
  for (const report of options.reports) {
    const { writeReviewReport } = require('./output/report-data') as typeof import('./output/report-data');
    try {
      writeReviewReport(result, {
        file: path.resolve(environment.cwd, report),
        mode: options.mode,
        transforms: options.transforms,
        linkBase: options.linkBase,
      });
    } catch (error) {
      throw failFile(environment.stderr, `cannot write the report to ${report}: ${describeWriteError(error)}`);
    }
  }
}

/** `--patch FILE`, or `--patch -` on stdout. */
function writePatch(result: RunResult, target: string, environment: MainEnvironment): void {
  const patch = renderModule().renderPatch(result);
  if (target === '-') {
    environment.stdout.write(patch);
    return;
  }
  try {
    writeModule().writeFileAtomic(path.resolve(environment.cwd, target), patch);
  } catch (error) {
    throw failFile(environment.stderr, `cannot write the patch to ${target}: ${describeWriteError(error)}`);
  }
}

/**
 * With --update-baseline, write the baseline of this run first; then leave out the findings the
 * baseline acknowledges. The result to report, and what the baseline did.
 */
function applyBaselineInput(
  result: RunResult,
  options: CliOptions,
  environment: MainEnvironment,
  input: BaselineInput,
): { result: RunResult; summary: BaselineSummary | undefined } {
  const { module, shown, file } = input;
  let baseline = input.baseline;
  if (options.updateBaseline) {
    const updated = module.createBaseline(result, file, environment.cwd, baseline);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeModule().writeFileAtomic(file, Buffer.from(module.renderBaseline(updated), 'utf8'));
    } catch (error) {
      throw failFile(environment.stderr, `cannot write the baseline to ${shown}: ${describeWriteError(error)}`);
    }
    baseline = updated;
  }
  if (!baseline) return { result, summary: undefined };
  const outcome = module.applyBaseline(result, baseline, file, environment.cwd);
  const summary: BaselineSummary = {
    file: shown,
    acknowledged: outcome.acknowledged,
    stale: outcome.stale,
    ...(options.updateBaseline ? { written: baseline.findings.length } : {}),
  };
  return { result: outcome.result, summary };
}

/** The formatted output, on stdout or into --output-file (then without colours); notes and errors on stderr. */
function writeOutput(result: RunResult, options: CliOptions, environment: MainEnvironment, baseline: BaselineSummary | undefined): void {
  const toFile = options.outputFile !== undefined;
  const chunks: Array<string | Uint8Array> = [];
  const out: OutputStream = toFile ? { write: (chunk) => chunks.push(chunk), isTTY: false } : environment.stdout;
  if (options.format === 'text') writeTextOutput(result, options, environment, out, baseline);
  else writeMachineOutput(result, options, environment, out, baseline);
  if (options.outputFile === undefined) return;
  try {
    const data = Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk))));
    const file = path.resolve(environment.cwd, options.outputFile);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeModule().writeFileAtomic(file, data);
  } catch (error) {
    throw failFile(environment.stderr, `cannot write the output to ${options.outputFile}: ${describeWriteError(error)}`);
  }
}

/** `--format text`: diffs and findings, diagnostics on stderr, then the summary (on stderr after `--patch -`). */
function writeTextOutput(result: RunResult, options: CliOptions, environment: MainEnvironment, out: OutputStream, baseline: BaselineSummary | undefined): void {
  const { stderr, env } = environment;
  const toFile = options.outputFile !== undefined;
  const reportStream = options.patch === '-' ? stderr : out;
  const text = renderModule().renderText(result, {
    mode: options.mode,
    color: reportStream === out && toFile ? false : shouldColor(reportStream, env),
    diagnosticsColor: shouldColor(stderr, env),
    quiet: options.quiet,
    verbose: options.verbose,
    diffs: options.patch === undefined,
    patch: options.patch,
    baseline,
  });
  if (text.report) reportStream.write(text.report);
  // Errors come before the summary, so that the last line printed is the verdict.
  if (text.diagnostics) stderr.write(text.diagnostics);
  if (text.summary) reportStream.write(text.summary);
  if (options.reports.length > 0 && !options.quiet) reportStream.write(`Review report written to ${options.reports.join(', ')}.\n`);
}

/** `--format json`, `sarif` or `github`, then the verbose and baseline notes on stderr. */
function writeMachineOutput(
  result: RunResult,
  options: CliOptions,
  environment: MainEnvironment,
  out: OutputStream,
  baseline: BaselineSummary | undefined,
): void {
  const render = renderModule();
  if (options.format === 'json') {
    out.write(render.renderJson(result, baseline));
  } else if (options.format === 'sarif') {
    const { renderSarif } = require('./output/formats') as typeof import('./output/formats');
    out.write(renderSarif(result, { version: readVersion(), cwd: environment.cwd, mode: options.mode }));
  } else {
    const { renderGithub } = require('./output/formats') as typeof import('./output/formats');
    out.write(renderGithub(result, options.mode));
    if (!options.quiet) out.write(`${render.renderSummaryLine(render.summarize(result.files), result.durationMs)}\n`);
  }
  const { createColors } = require('picocolors') as typeof import('picocolors');
  const d = createColors(shouldColor(environment.stderr, environment.env));
  const notes = options.verbose ? render.renderVerboseNotes(result, options.mode, d) : [];
  if (baseline && !options.quiet && options.format !== 'json') notes.push(...render.renderBaselineLines(baseline, d));
  if (notes.length > 0) environment.stderr.write(`${notes.join('\n')}\n`);
}

// Lazy: the renderers load picocolors and jsdiff, which --version never needs.
const renderModule = () => require('./output/render') as typeof import('./output/render');
const writeModule = () => require('./run/write') as typeof import('./run/write');

/** A write error without the temporary file's name: the code (ENOSPC) or the message. */
function describeWriteError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code) {
    const reasons: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      ENOENT: 'no such directory',
      ENOTDIR: 'a parent is not a directory',
      EISDIR: 'it is a directory',
      ENOSPC: 'no space left on the device',
      EROFS: 'read-only file system',
      EEXIST: 'it exists',
    };
    return reasons[e.code] ? `${reasons[e.code]} (${e.code})` : e.code;
  }
  return e.message ?? String(error);
}

/** Paths from `--files-from`: NUL-separated when the text holds a NUL, else one per line. */
export function parseFileList(text: string): string[] {
  const items = text.includes('\0') ? text.split('\0') : text.split(/\r?\n/);
  return items.filter((item) => item.trim() !== '');
}

async function readAllStdin(environment: MainEnvironment): Promise<Buffer> {
  if (!environment.readStdin) throw Object.assign(new Error('stdin is not available'), { code: 'ENOSTDIN' });
  return environment.readStdin();
}

/**
 * `--stdin --stdin-filename PATH`: transform one text and print the result (the new text, or the
 * unchanged one; with --diff, the diff), findings and errors on stderr. Nothing is written.
 */
async function runStdin(environment: MainEnvironment, options: CliOptions, transformOptions: TransformOptions, filename: string): Promise<number> {
  const { stderr } = environment;
  let bytes: Buffer;
  try {
    bytes = await readAllStdin(environment);
  } catch (error) {
    stderr.write(`sendlast: cannot read stdin (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return EXIT.usage;
  }
  const { getSource, isSourceText, transformSource } = require('./run/process-file') as typeof import('./run/process-file');
  const { toDisplayPath } = require('./run/files') as typeof import('./run/files');
  const absolute = path.resolve(environment.cwd, filename);
  const entry = { path: absolute, real: absolute, display: toDisplayPath(environment.cwd, absolute) };
  const processOptions = {
    transforms: options.transforms,
    parser: options.parser,
    transformOptions,
    maxSize: Infinity,
    includeGenerated: options.includeGenerated,
    keepText: true,
  };
  const started = Date.now();
  const read = getSource(entry, bytes, processOptions);
  const file = isSourceText(read) ? transformSource(read, processOptions) : read;
  const result: RunResult = {
    files: [file],
    notes: [],
    workers: 0,
    written: [],
    interrupted: false,
    patchBase: environment.cwd,
    timings: { findMs: 0, processMs: Date.now() - started, writeMs: 0 },
    durationMs: Date.now() - started,
  };
  writeStdinOutput(result, bytes, options, environment);
  return getExitCode(result, options);
}

/** The --stdin output: JSON, the diff, or the new (else unchanged) text on stdout; findings and errors on stderr. */
function writeStdinOutput(result: RunResult, bytes: Buffer, options: CliOptions, environment: MainEnvironment): void {
  const { stdout, stderr, env } = environment;
  const render = renderModule();
  const { createColors } = require('picocolors') as typeof import('picocolors');
  const file = result.files[0]!;
  const d = createColors(shouldColor(stderr, env));
  if (options.format === 'json') {
    stdout.write(render.renderJson(result));
  } else if (file.status !== 'error') {
    if (options.diff) {
      if (file.hunks !== undefined) stdout.write(render.colorizeDiff(render.renderFileDiff(file.path, file.hunks), createColors(shouldColor(stdout, env))));
    } else if (file.status === 'changed' && file.output !== undefined) {
      stdout.write(Buffer.from(file.output, file.encoding ?? 'utf8'));
    } else {
      stdout.write(bytes);
    }
  }
  if (file.status === 'error') stderr.write(`${render.renderError(file, d)}\n`);
  if (options.format !== 'json' && !options.quiet) {
    for (const finding of file.findings) stderr.write(`${render.renderFinding(file, finding, d)}\n`);
  }
  if (options.verbose && file.status === 'skipped') stderr.write(`${d.dim(`skipped ${file.path}: ${file.skipped ?? ''}`)}\n`);
}

/**
 * V8 settings for a run of a few seconds: inline less and optimise a function only after more
 * calls. Most of a run's JavaScript (Babel's and meriyah's parsers, the scope analysis) is cold
 * code run a few hundred times; V8's defaults tune it for long runs, and the optimising compiler's
 * threads then take the two cores from the parsing threads. Over the benchmark corpus they made a
 * dry run about 9% faster in wall time and 14% cheaper in CPU time, with the same results (see
 * bench/RESULTS.md). They only steer when V8 optimises, so they are set once, before any worker
 * starts and before any of the run's code is hot; every worker thread inherits them.
 */
export const V8_FLAGS: readonly string[] = ['--max-inlined-bytecode-size=100', '--max-inlined-bytecode-size-cumulative=100', '--interrupt-budget=300000'];

if (require.main === module) {
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
  const controller = new AbortController();
  process.once('SIGINT', () => {
    // First Ctrl-C: finish the file being written, write no more. Second: stop at once.
    controller.abort();
    process.once('SIGINT', () => process.exit(EXIT.interrupted));
  });
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `sendlast | head`: the reader went away.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // A getter: process.stdin is only created when --interactive reads it.
    get stdin() {
      return process.stdin;
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return Buffer.concat(chunks);
    },
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`sendlast: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.errors;
    },
  );
}
