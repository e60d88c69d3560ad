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
import { checkTransformNames, HELP, parseCliArgs, type CliOptions } from './args';
import { UsageError } from './errors';
import type { RunResult } from './run/runner';
import type { KeyInput } from './interactive/terminal';

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

export async function main(environment: MainEnvironment): Promise<number> {
  const { stdout, stderr, env } = environment;
  const parsed = parseCliArgs(environment.argv);
  const usageError = (message: string) => {
    stderr.write(`sendlast: ${message}\nRun "sendlast --help" for usage.\n`);
    return EXIT.usage;
  };
  switch (parsed.kind) {
    case 'error':
      return usageError(parsed.message);
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
    case 'run':
      break;
  }
  const options = parsed.options;

  if (options.transforms) {
    const problem = checkTransformNames(options.transforms, loadTransforms().TRANSFORM_NAMES);
    if (problem) return usageError(problem);
  }
  if (options.interactive && !environment.stdin?.isTTY) {
    return usageError(
      '--interactive asks about each change on the terminal, but stdin is not a terminal.\n' +
        'Run it in a terminal, or review with --patch FILE or --report FILE and apply with --write.',
    );
  }
  if (options.respond !== undefined) {
    const { validateRespondTemplate } = require('../transforms/lib/edit/respond-template') as typeof import('../transforms/lib/edit/respond-template');
    const problem = validateRespondTemplate(options.respond);
    if (problem) return usageError(problem);
  }
  if (options.stdinFilename !== undefined) return runStdin(environment, options, options.stdinFilename);

  let listed: string[] | undefined;
  if (options.filesFrom !== undefined) {
    try {
      const bytes = options.filesFrom === '-' ? await readAllStdin(environment) : fs.readFileSync(path.resolve(environment.cwd, options.filesFrom));
      listed = parseFileList(bytes.toString('utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      stderr.write(`sendlast: cannot read --files-from ${options.filesFrom} (${code ?? (error as Error).message})\n`);
      return EXIT.usage;
    }
  }

  // The baseline is read before the run: a missing or broken one fails at once.
  const baselineModule = options.baseline !== undefined || options.updateBaseline ? (require('./run/baseline') as typeof import('./run/baseline')) : null;
  const baselineShown = options.baseline ?? baselineModule?.DEFAULT_BASELINE_FILE;
  const baselineFile = baselineShown !== undefined ? path.resolve(environment.cwd, baselineShown) : undefined;
  let baseline: import('./run/baseline').Baseline | null = null;
  if (baselineModule && baselineFile !== undefined && baselineShown !== undefined) {
    try {
      if (!options.updateBaseline || fs.existsSync(baselineFile)) baseline = baselineModule.readBaseline(baselineFile, baselineShown);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return usageError(error.message);
    }
  }

  const { run } = require('./run/runner') as typeof import('./run/runner');
  const render = require('./output/render') as typeof import('./output/render');
  const { createColors } = require('picocolors') as typeof import('picocolors');
  const showProgress = Boolean(stderr.isTTY) && options.format === 'text' && !options.quiet;
  const progress = showProgress ? createProgress(stderr) : undefined;

  let result: RunResult;
  try {
    result = await run(
      {
        cwd: environment.cwd,
        paths: options.paths,
        transforms: options.transforms,
        parser: options.parser,
        respond: options.respond,
        platform: options.platform,
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
      },
      { signal: environment.signal, onProgress: progress?.update },
    );
  } catch (error) {
    progress?.clear();
    if (error instanceof UsageError) {
      stderr.write(`sendlast: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  progress?.clear();

  if (options.interactive && environment.stdin) {
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
        respond: options.respond,
        platform: options.platform,
        force: options.force,
        color: shouldColor(stdout, env),
        out: stdout,
        err: stderr,
        keys: environment.stdin,
      });
      return outcome.interrupted ? EXIT.interrupted : outcome.errors > 0 ? EXIT.errors : EXIT.ok;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      stderr.write(`sendlast: ${error.message}\n`);
      return EXIT.usage;
    }
  }

  const { writeFileAtomic } = require('./run/write') as typeof import('./run/write');
  // Review reports show every finding, acknowledged or not: they are for the review.
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
      stderr.write(`sendlast: cannot write the report to ${report}: ${describeWriteError(error)}\n`);
      return EXIT.usage;
    }
  }

  if (options.patch !== undefined) {
    const patch = render.renderPatch(result);
    if (options.patch === '-') {
      stdout.write(patch);
    } else {
      try {
        writeFileAtomic(path.resolve(environment.cwd, options.patch), patch);
      } catch (error) {
        stderr.write(`sendlast: cannot write the patch to ${options.patch}: ${describeWriteError(error)}\n`);
        return EXIT.usage;
      }
    }
  }

  let baselineSummary: import('./output/render').BaselineSummary | undefined;
  if (baselineModule && baselineFile !== undefined && baselineShown !== undefined) {
    if (options.updateBaseline) {
      const updated = baselineModule.createBaseline(result, baselineFile, environment.cwd, baseline);
      try {
        fs.mkdirSync(path.dirname(baselineFile), { recursive: true });
        writeFileAtomic(baselineFile, Buffer.from(baselineModule.renderBaseline(updated), 'utf8'));
      } catch (error) {
        stderr.write(`sendlast: cannot write the baseline to ${baselineShown}: ${describeWriteError(error)}\n`);
        return EXIT.usage;
      }
      baseline = updated;
    }
    if (baseline) {
      const outcome = baselineModule.applyBaseline(result, baseline, baselineFile, environment.cwd);
      result = outcome.result;
      baselineSummary = {
        file: baselineShown,
        acknowledged: outcome.acknowledged,
        stale: outcome.stale,
        ...(options.updateBaseline ? { written: baseline.findings.length } : {}),
      };
    }
  }

  // The formatted output goes to stdout, or to --output-file (then without colours).
  const toFile = options.outputFile !== undefined;
  const chunks: Array<string | Uint8Array> = [];
  const out: OutputStream = toFile ? { write: (chunk) => chunks.push(chunk), isTTY: false } : stdout;
  const d = createColors(shouldColor(stderr, env));
  if (options.format === 'text') {
    const reportStream = options.patch === '-' ? stderr : out;
    const text = render.renderText(result, {
      mode: options.mode,
      color: reportStream === out && toFile ? false : shouldColor(reportStream, env),
      diagnosticsColor: shouldColor(stderr, env),
      quiet: options.quiet,
      verbose: options.verbose,
      diffs: options.patch === undefined,
      patch: options.patch,
      baseline: baselineSummary,
    });
    if (text.report) reportStream.write(text.report);
    // Errors come before the summary, so that the last line printed is the verdict.
    if (text.diagnostics) stderr.write(text.diagnostics);
    if (text.summary) reportStream.write(text.summary);
    if (options.reports.length > 0 && !options.quiet) reportStream.write(`Review report written to ${options.reports.join(', ')}.\n`);
  } else {
    if (options.format === 'json') {
      out.write(render.renderJson(result, baselineSummary));
    } else if (options.format === 'sarif') {
      const { renderSarif } = require('./output/formats') as typeof import('./output/formats');
      out.write(renderSarif(result, { version: readVersion(), cwd: environment.cwd, mode: options.mode }));
    } else {
      const { renderGithub } = require('./output/formats') as typeof import('./output/formats');
      out.write(renderGithub(result, options.mode));
      if (!options.quiet) out.write(`${render.renderSummaryLine(render.summarize(result.files), result.durationMs)}\n`);
    }
    const notes = options.verbose ? render.renderVerboseNotes(result, options.mode, d) : [];
    if (baselineSummary && !options.quiet && options.format !== 'json') notes.push(...render.renderBaselineLines(baselineSummary, d));
    if (notes.length > 0) stderr.write(`${notes.join('\n')}\n`);
  }
  if (toFile && options.outputFile !== undefined) {
    try {
      const data = Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk))));
      const file = path.resolve(environment.cwd, options.outputFile);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic(file, data);
    } catch (error) {
      stderr.write(`sendlast: cannot write the output to ${options.outputFile}: ${describeWriteError(error)}\n`);
      return EXIT.usage;
    }
  }
  return getExitCode(result, options);
}

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
async function runStdin(environment: MainEnvironment, options: CliOptions, filename: string): Promise<number> {
  const { stdout, stderr, env } = environment;
  let bytes: Buffer;
  try {
    bytes = await readAllStdin(environment);
  } catch (error) {
    stderr.write(`sendlast: cannot read stdin (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return EXIT.usage;
  }
  const { getSource, isSourceText, transformSource } = require('./run/process-file') as typeof import('./run/process-file');
  const { toDisplayPath } = require('./run/files') as typeof import('./run/files');
  const render = require('./output/render') as typeof import('./output/render');
  const { createColors } = require('picocolors') as typeof import('picocolors');
  const absolute = path.resolve(environment.cwd, filename);
  const entry = { path: absolute, real: absolute, display: toDisplayPath(environment.cwd, absolute) };
  const processOptions = {
    transforms: options.transforms,
    parser: options.parser,
    respond: options.respond,
    platform: options.platform,
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
  return getExitCode(result, options);
}

if (require.main === module) {
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
