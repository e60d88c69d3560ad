/**
 * Files in, FileResult[] out. Finds the files, processes them (in this thread for small runs,
 * on piscina worker threads for large ones: the results are the same either way), and, only when
 * asked, writes the changed files after checking that git has no uncommitted changes in them.
 * Never prints, never exits: progress and interruption go through `RunHooks`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ParserOption } from './args';
import { UsageError } from './errors';
import { findFiles, type FileEntry, type WalkNote } from './files';
import { findGitRepo, findUncommitted, GitStatusError, type GitRepo } from './git';
import { processFile, type FileResult, type ProcessOptions } from './process-file';
import { writeFileAtomic, WriteConflictError, type WriteFs } from './write';
import type { WorkerTask } from './worker';

export interface RunOptions {
  /** Absolute; paths and display paths are relative to it. */
  cwd: string;
  paths: readonly string[];
  /** Transform names (validated by the caller); undefined: all. */
  transforms?: readonly string[];
  parser: ParserOption;
  respond?: string;
  extensions: readonly string[];
  ignore: readonly string[];
  gitignore: boolean;
  maxSize: number;
  /** Worker threads; 1 processes every file in this thread. */
  jobs: number;
  write: boolean;
  /** Write even over uncommitted changes. */
  force: boolean;
  /** The worker script; default `worker.js` beside this file (the build); null: never use workers. */
  workerFile?: string | null;
  /** Use workers only from this many files on (start-up costs more than it saves below). */
  minFilesForWorkers?: number;
}

export interface RunHooks {
  /** Abort: stop processing (nothing is written) or stop writing after the current file. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** The file system calls used to write files (default node:fs): tests pass a failing one. */
  fs?: WriteFs;
}

export interface RunResult {
  /** Every file looked at, sorted by path (unchanged files carry no text). */
  files: FileResult[];
  notes: WalkNote[];
  /** Threads that processed files: this one plus the workers (1: this thread only). */
  threads: number;
  /** Paths written (with `write`). */
  written: string[];
  /** Stopped by the signal: with `write`, some changed files may not have been written. */
  interrupted: boolean;
  /** The directory patch paths are relative to: the git work tree's root, else the current directory. */
  patchBase: string;
  timings: { findMs: number; processMs: number; writeMs: number };
  durationMs: number;
}

/** `--write` found uncommitted changes in files it would change. */
export class WriteRefusedError extends UsageError {}

const BATCH_MAX = 32;
const DEFAULT_MIN_FILES_FOR_WORKERS = 200;

function defaultWorkerFile(): string | null {
  const file = path.join(__dirname, 'worker.js');
  return fs.existsSync(file) ? file : null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A contiguous slice of `files`, so results land in path order whoever processes them. */
interface Batch {
  start: number;
  entries: readonly FileEntry[];
}

function failedResult(entry: FileEntry, message: string): FileResult {
  return { path: entry.display, file: entry.real, status: 'error', transforms: [], findings: [], error: { message } };
}

/**
 * Process `files` on this thread and, with `workerFile`, on `workers` piscina threads as well, all
 * taking batches from one queue. Results are stored by index: the same whatever ran them.
 */
async function processFiles(
  files: readonly FileEntry[],
  options: ProcessOptions,
  workers: number,
  workerFile: string | null,
  hooks: RunHooks,
): Promise<{ results: FileResult[]; interrupted: boolean }> {
  const signal = hooks.signal;
  const threads = workers + 1;
  const batchSize = workers === 0 ? files.length : Math.max(1, Math.min(BATCH_MAX, Math.floor(files.length / (threads * 8))));
  const slots: Array<FileResult | undefined> = new Array(files.length);
  let next = 0;
  let done = 0;
  const take = (): Batch | null => {
    if (next >= files.length || signal?.aborted) return null;
    const start = next;
    next = Math.min(files.length, next + batchSize);
    return { start, entries: files.slice(start, next) };
  };
  const report = (count: number) => {
    done += count;
    hooks.onProgress?.(done, files.length);
  };

  const thisThread = async () => {
    let lastYield = performance.now();
    for (let batch = take(); batch; batch = take()) {
      let reported = 0;
      for (let i = 0; i < batch.entries.length; i++) {
        slots[batch.start + i] = processFile(batch.entries[i]!, options);
        if (performance.now() - lastYield > 25) {
          // Let worker results, a Ctrl-C handler and the progress bar in.
          report(i + 1 - reported);
          reported = i + 1;
          await yieldToEventLoop();
          lastYield = performance.now();
          if (signal?.aborted) return;
        }
      }
      report(batch.entries.length - reported);
    }
  };

  if (workers === 0 || !workerFile) {
    await thisThread();
  } else {
    // Lazy: piscina is only needed for large runs.
    const { Piscina } = require('piscina') as typeof import('piscina');
    const pool = new Piscina<WorkerTask, FileResult[]>({ filename: workerFile, minThreads: workers, maxThreads: workers });
    const stop = () => void pool.destroy();
    signal?.addEventListener('abort', stop, { once: true });
    const workerLoop = async () => {
      for (let batch = take(); batch; batch = take()) {
        const { start, entries } = batch;
        try {
          const results = await pool.run({ files: [...entries], options });
          results.forEach((result, i) => (slots[start + i] = result));
        } catch (error) {
          if (signal?.aborted) return;
          // A worker died (each file's own errors are caught inside it, so this is a crash such as
          // running out of memory): process its batch here, one file at a time.
          const message = `worker failed: ${error instanceof Error ? error.message : String(error)}`;
          entries.forEach((entry, i) => {
            try {
              slots[start + i] = processFile(entry, options);
            } catch {
              slots[start + i] = failedResult(entry, message);
            }
          });
        }
        report(entries.length);
      }
    };
    try {
      // Two tasks in flight per worker, so none waits for the main thread between batches.
      await Promise.all([thisThread(), ...Array.from({ length: workers * 2 }, workerLoop)]);
    } finally {
      signal?.removeEventListener('abort', stop);
      await pool.destroy();
    }
  }
  const results = slots.filter((r): r is FileResult => r !== undefined);
  return { results, interrupted: Boolean(signal?.aborted) && results.length < files.length };
}

function encode(text: string, encoding: FileResult['encoding']): Buffer {
  return Buffer.from(text, encoding ?? 'utf8');
}

/**
 * Throws WriteRefusedError when git has uncommitted changes in any of `files` (absolute paths):
 * before `--write` (`write`) and before an interactive review (`review`), which writes too.
 */
export function checkCommitted(files: readonly string[], cwd: string, action: 'write' | 'review' = 'write'): void {
  const byRepo = new Map<GitRepo, string[]>();
  for (const file of files) {
    const repo = findGitRepo(path.dirname(file));
    if (!repo) continue;
    const list = byRepo.get(repo) ?? [];
    list.push(file);
    byRepo.set(repo, list);
  }
  const dirty: string[] = [];
  for (const [repo, list] of byRepo) {
    try {
      dirty.push(...findUncommitted(repo, list));
    } catch (error) {
      if (!(error instanceof GitStatusError)) throw error;
      throw new WriteRefusedError(
        `refusing to ${action}: cannot check the files for uncommitted changes (${error.message}).\n` +
          `Pass --force to ${action === 'write' ? 'write' : 'review and write'} anyway.`,
      );
    }
  }
  if (dirty.length === 0) return;
  const shown = dirty.sort().slice(0, 20).map((file) => `  ${path.relative(cwd, file) || file}`);
  if (dirty.length > 20) shown.push(`  ... and ${dirty.length - 20} more`);
  const plural = dirty.length === 1 ? 'file has' : 'files have';
  const changed = action === 'write' ? 'would be changed' : 'could be changed';
  throw new WriteRefusedError(
    `refusing to ${action}: ${dirty.length} ${plural} uncommitted changes and ${changed}:\n${shown.join('\n')}\n` +
      'Commit or stash them first, so that the codemod changes can be reviewed and undone on their own,\n' +
      `or pass --force to ${action === 'write' ? 'write' : 'review and write'} anyway. Nothing was written.`,
  );
}

export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const start = performance.now();
  const { files, notes } = findFiles(options.paths, {
    cwd: options.cwd,
    extensions: options.extensions,
    ignore: options.ignore,
    gitignore: options.gitignore,
  });
  const found = performance.now();

  const processOptions: ProcessOptions = {
    transforms: options.transforms,
    parser: options.parser,
    respond: options.respond,
    maxSize: options.maxSize,
    keepText: options.write,
  };
  const workerFile = options.workerFile === undefined ? defaultWorkerFile() : options.workerFile;
  const minFiles = options.minFilesForWorkers ?? DEFAULT_MIN_FILES_FOR_WORKERS;
  // This thread works too: N jobs = this thread + N-1 workers.
  const workers = workerFile && files.length >= minFiles ? Math.max(0, Math.min(options.jobs, files.length) - 1) : 0;
  const threads = workers + 1;
  const processed = await processFiles(files, processOptions, workers, workerFile, hooks);
  const results = processed.results;
  let interrupted = processed.interrupted;
  const afterProcessing = performance.now();

  const written: string[] = [];
  if (options.write && !interrupted) {
    const changed = results.filter((r) => r.status === 'changed');
    if (!options.force) checkCommitted(changed.map((r) => r.file), options.cwd);
    for (const result of changed) {
      if (hooks.signal?.aborted) {
        interrupted = true;
        break;
      }
      try {
        writeFileAtomic(
          result.file,
          encode(result.output ?? '', result.encoding),
          encode(result.source ?? '', result.encoding),
          hooks.fs,
        );
        written.push(result.path);
      } catch (error) {
        result.status = 'error';
        const message =
          error instanceof WriteConflictError
            ? error.message
            : `cannot write file (${(error as NodeJS.ErrnoException).code ?? String(error)}); left unchanged`;
        result.error = { message };
      }
      // Let a Ctrl-C handler run between files: each file is either fully old or fully new.
      await yieldToEventLoop();
    }
  }
  const end = performance.now();

  let patchBase = options.cwd;
  try {
    patchBase = fs.realpathSync(options.cwd);
  } catch {
    // keep cwd
  }
  patchBase = findGitRepo(patchBase)?.root ?? patchBase;

  return {
    files: results,
    notes,
    threads,
    written,
    interrupted,
    patchBase,
    timings: { findMs: found - start, processMs: afterProcessing - found, writeMs: end - afterProcessing },
    durationMs: end - start,
  };
}
