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
import type { RunResult } from './runner';
import type { KeyInput } from './interactive-terminal';

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
      const { renderProgress } = require('./render') as typeof import('./render');
      stream.write(`\r${renderProgress(done, total, stream.columns ?? 80)}\x1b[K`);
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
      const { renderTransformList } = require('./render') as typeof import('./render');
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
    const { validateRespondTemplate } = require('../transforms/lib/respond-template') as typeof import('../transforms/lib/respond-template');
    const problem = validateRespondTemplate(options.respond);
    if (problem) return usageError(problem);
  }

  const { run } = require('./runner') as typeof import('./runner');
  const render = require('./render') as typeof import('./render');
  const { createColors } = require('picocolors') as typeof import('picocolors');
  const showProgress = Boolean(stderr.isTTY) && !options.json && !options.quiet;
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
        extensions: options.extensions,
        ignore: options.ignore,
        gitignore: options.gitignore,
        maxSize: options.maxSize,
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
    const { runInteractive } = require('./interactive-run') as typeof import('./interactive-run');
    try {
      const outcome = await runInteractive({
        cwd: environment.cwd,
        result,
        transforms: options.transforms,
        parser: options.parser,
        respond: options.respond,
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

  if (options.report !== undefined) {
    const { writeReviewReport } = require('./report-data') as typeof import('./report-data');
    try {
      writeReviewReport(result, {
        file: path.resolve(environment.cwd, options.report),
        mode: options.mode,
        transforms: options.transforms,
        parser: options.parser,
        respond: options.respond,
      });
    } catch (error) {
      stderr.write(`sendlast: cannot write the report to ${options.report}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }

  if (options.patch !== undefined) {
    const patch = render.renderPatch(result);
    if (options.patch === '-') {
      stdout.write(patch);
    } else {
      const { writeFileAtomic } = require('./write') as typeof import('./write');
      try {
        writeFileAtomic(path.resolve(environment.cwd, options.patch), patch);
      } catch (error) {
        stderr.write(`sendlast: cannot write the patch to ${options.patch}: ${(error as Error).message}\n`);
        return EXIT.usage;
      }
    }
  }

  if (options.json) {
    stdout.write(render.renderJson(result));
    if (options.verbose) {
      const notes = render.renderVerboseNotes(result, options.mode, createColors(shouldColor(stderr, env)));
      stderr.write(`${notes.join('\n')}\n`);
    }
  } else {
    const reportStream = options.patch === '-' ? stderr : stdout;
    const text = render.renderText(result, {
      mode: options.mode,
      color: shouldColor(reportStream, env),
      diagnosticsColor: shouldColor(stderr, env),
      quiet: options.quiet,
      verbose: options.verbose,
      diffs: options.patch === undefined,
      patch: options.patch,
    });
    if (text.report) reportStream.write(text.report);
    if (options.report !== undefined && !options.quiet) reportStream.write(`Review report written to ${options.report}.\n`);
    if (text.diagnostics) stderr.write(text.diagnostics);
  }
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
