/**
 * Files in, FileResult[] out. Finds the files, processes them (in this thread for small runs,
 * on piscina worker threads for large ones: the results are the same either way), and, only when
 * asked, writes the changed files after checking that git has no uncommitted changes in them.
 * Never prints, never exits: progress and interruption go through `RunHooks`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ParserOption } from '../args';
import type { TransformOptions } from '../../transforms/lib/types';
import { UsageError } from '../errors';
import { findFiles, type FileEntry, type FindFilesOptions, type FindFilesResult, type WalkNote } from './files';
import { findGitRepo, findUncommitted, GitStatusError, type GitRepo } from './git';
import { isSourceText, processFile, readSource, transformSource, type FileResult, type ProcessOptions, type SourceText } from './process-file';
import { writeFileAtomic, WriteConflictError, type WriteFs } from './write';
import type { WorkerRole, WorkerTask } from './worker';

/** A run: which files (as `findFiles` selects them under `cwd`), which transforms, and what to do with the results. */
export interface RunOptions extends FindFilesOptions {
  paths: readonly string[];
  /** Transform names (validated by the caller); undefined: all. */
  transforms?: readonly string[];
  parser: ParserOption;
  /** Parsed once (`parseTransformOptions`), passed to every file as it is. */
  transformOptions: TransformOptions;
  maxSize: number;
  /** Transform compiled output too (default: skipped as generated). */
  includeGenerated?: boolean;
  /** Worker threads for large runs (a small run uses this thread alone). */
  jobs: number;
  write: boolean;
  /** Write even over uncommitted changes, and outside a git repository. */
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
  /** Worker threads that parsed files (0: everything ran in this thread). */
  workers: number;
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

/** A batch sent to a worker: at most this many files or this many characters of source text. */
const BATCH_FILES = 8;
const BATCH_CHARS = 256 * 1024;
const DEFAULT_MIN_FILES_FOR_WORKERS = 200;
/**
 * A worker's heap (MB). Parsing allocates an AST that is garbage once its file is done; left to
 * itself V8 lets that garbage pile up to several times what is live, in every worker. A capped old
 * generation and a small young generation make it collect sooner, which keeps each worker's memory
 * bounded, whatever the number of files (measured in bench/). The workers that run Babel get a
 * larger young generation than the quick-check worker: the scope analysis makes many short-lived
 * objects, and 12 MB instead of 32 MB made a run about 4% slower. A file too large for a worker's
 * heap makes the worker run out of memory; its batch is then processed again in this thread,
 * whose heap has the usual limit.
 */
const WORKER_HEAP: Record<WorkerRole, { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number }> = {
  quick: { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 512 },
  transform: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 512 },
  all: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 512 },
};

function defaultWorkerFile(): string | null {
  const file = path.join(__dirname, 'worker.js');
  return fs.existsSync(file) ? file : null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function failedResult(entry: FileEntry, message: string): FileResult {
  return { path: entry.display, file: entry.real, status: 'error', transforms: [], findings: [], error: { message } };
}

/** A file waiting to be parsed, with its place in the results. */
interface Pending {
  index: number;
  source: SourceText;
}

type Pool = import('piscina').Piscina<WorkerTask, Array<FileResult | SourceText>>;

/**
 * One pool of worker threads fed in batches, at most `limit` in flight (the rest wait here). While
 * the pool has room, a file goes out at once, in a batch of its own; while it is busy, files
 * gather into batches of up to BATCH_FILES files or BATCH_CHARS characters.
 */
class Stage {
  private batch: Pending[] = [];
  private chars = 0;
  private readonly waiting: Pending[][] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly kind: WorkerTask['kind'],
    readonly limit: number,
    private readonly options: ProcessOptions,
    private readonly onResults: (items: readonly Pending[], results: ReadonlyArray<FileResult | SourceText>) => void,
    private readonly onFailure: (items: readonly Pending[], error: unknown) => void,
  ) {}

  add(item: Pending): void {
    this.batch.push(item);
    this.chars += item.source.text.length;
    if (this.batch.length >= BATCH_FILES || this.chars >= BATCH_CHARS) this.flush();
    else this.pump();
  }

  /** Send the batch being filled, even if it is not full. */
  flush(): void {
    if (this.batch.length > 0) this.waiting.push(this.batch);
    this.batch = [];
    this.chars = 0;
    this.pump();
  }

  /** Stop sending batches (the run was interrupted; the pool is being destroyed). */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    this.batch = [];
  }

  /** Batches in flight or waiting. */
  get backlog(): number {
    return this.inFlight.size + this.waiting.length;
  }

  /** Far enough ahead: as many batches again wait as are in flight. */
  get full(): boolean {
    return this.backlog >= 2 * this.limit;
  }

  /** Resolves when a batch in flight ends; null when none is in flight. */
  next(): Promise<void> | null {
    return this.inFlight.size > 0 ? Promise.race(this.inFlight) : null;
  }

  /** Resolves when every batch added so far has ended. */
  async drain(): Promise<void> {
    for (let next = this.next(); next; next = this.next()) await next;
  }

  private pump(): void {
    if (this.closed) return;
    // Room and nothing waiting: send the batch being filled now rather than keep a worker idle.
    if (this.waiting.length === 0 && this.batch.length > 0 && this.inFlight.size < this.limit) {
      this.waiting.push(this.batch);
      this.batch = [];
      this.chars = 0;
    }
    while (this.waiting.length > 0 && this.inFlight.size < this.limit) {
      const items = this.waiting.shift()!;
      const task: Promise<void> = this.pool
        .run({ kind: this.kind, sources: items.map((item) => item.source), options: this.options })
        .then(
          (results) => this.onResults(items, results),
          (error: unknown) => this.onFailure(items, error),
        )
        .then(() => {
          this.inFlight.delete(task);
          this.pump();
        });
      this.inFlight.add(task);
    }
  }
}

/** Counts the files done and tells `hooks.onProgress`; lets the event loop in now and then. */
class ProgressCounter {
  private done = 0;
  private unreported = 0;
  private lastYield = performance.now();

  constructor(
    private readonly total: number,
    private readonly hooks: RunHooks,
  ) {}

  /** `count` more files are done: tell at once. */
  report(count: number): void {
    if (count === 0) return;
    this.done += count;
    this.hooks.onProgress?.(this.done, this.total);
  }

  /** One more file is done: tell at the next breath. */
  count(): void {
    this.unreported++;
  }

  /** Tell the files counted so far. */
  flush(): void {
    this.report(this.unreported);
    this.unreported = 0;
  }

  /** Let worker results, a Ctrl-C handler and the progress bar in, every 25 ms. */
  async breathe(): Promise<void> {
    if (performance.now() - this.lastYield <= 25) return;
    this.flush();
    await yieldToEventLoop();
    this.lastYield = performance.now();
  }
}

/**
 * Process `files`: in this thread alone, or on the worker pools (which this destroys when done).
 * Results are stored by index: the same whatever ran them.
 */
async function processFiles(
  files: readonly FileEntry[],
  options: ProcessOptions,
  pools: WorkerPools | null,
  hooks: RunHooks,
): Promise<{ results: FileResult[]; interrupted: boolean }> {
  const slots: Array<FileResult | undefined> = new Array(files.length);
  const progress = new ProgressCounter(files.length, hooks);
  if (!pools) await processFilesHere(files, options, slots, progress, hooks.signal);
  else await processFilesOnWorkers(files, options, pools, slots, progress, hooks.signal);
  const results = slots.filter((r): r is FileResult => r !== undefined);
  return { results, interrupted: Boolean(hooks.signal?.aborted) && results.length < files.length };
}

/** Every file in this thread, one after the other, until the signal aborts. */
async function processFilesHere(
  files: readonly FileEntry[],
  options: ProcessOptions,
  slots: Array<FileResult | undefined>,
  progress: ProgressCounter,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (let i = 0; i < files.length && !signal?.aborted; i++) {
    slots[i] = processFile(files[i]!, options);
    progress.count();
    await progress.breathe();
  }
  progress.flush();
}

function createPool(workerFile: string, threads: number, role: WorkerRole): Pool {
  // Lazy: piscina is only needed for large runs.
  const { Piscina } = require('piscina') as typeof import('piscina');
  return new Piscina<WorkerTask, Array<FileResult | SourceText>>({
    filename: workerFile,
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: WORKER_HEAP[role],
    workerData: role,
  });
}

/** The worker threads of a large run. */
interface WorkerPools {
  /** Threads in all. */
  workers: number;
  transform: Pool;
  /** With two workers or more, the one that runs the quick check; with one, null. */
  quick: Pool | null;
}

/**
 * Start `workers` threads. With one worker, it runs the quick check and the transforms; with more,
 * one worker runs the quick check and the others the transforms, so that each warms up one parser
 * only. Each loads what its role needs as it starts, in parallel with this thread.
 */
function createPools(workerFile: string, workers: number): WorkerPools {
  const split = workers > 1;
  return {
    workers,
    transform: createPool(workerFile, split ? workers - 1 : 1, split ? 'transform' : 'all'),
    quick: split ? createPool(workerFile, 1, 'quick') : null,
  };
}

async function destroyPools(pools: WorkerPools): Promise<void> {
  await Promise.all([pools.transform, pools.quick].map((pool) => pool?.destroy()));
}

/**
 * The stages files go through on the workers: the quick check (when a worker of its own runs it),
 * then the transforms. A batch whose worker died (a crash such as running out of memory) is
 * processed in this thread, one file at a time.
 */
function getStages(
  options: ProcessOptions,
  pools: WorkerPools,
  slots: Array<FileResult | undefined>,
  progress: ProgressCounter,
  signal: AbortSignal | undefined,
): { first: Stage; transforms: Stage; quick: Stage | null } {
  const transformThreads = pools.quick ? pools.workers - 1 : pools.workers;
  const processHere = (items: readonly Pending[], error: unknown) => {
    if (signal?.aborted) return;
    const message = `worker failed: ${error instanceof Error ? error.message : String(error)}`;
    for (const { index, source } of items) {
      try {
        slots[index] = transformSource(source, options);
      } catch {
        slots[index] = failedResult(source.entry, message);
      }
    }
    progress.report(items.length);
  };
  // Two batches in flight per worker keep it busy.
  const transforms = new Stage(
    pools.transform,
    'transform',
    2 * transformThreads,
    options,
    (items, results) => {
      results.forEach((result, k) => {
        slots[items[k]!.index] = result as FileResult;
      });
      progress.report(items.length);
    },
    processHere,
  );
  const quick = pools.quick
    ? new Stage(
        pools.quick,
        'quick',
        2,
        options,
        (items, results) => {
          results.forEach((result, k) => {
            const index = items[k]!.index;
            if (isSourceText(result)) {
              transforms.add({ index, source: result });
            } else {
              slots[index] = result;
              progress.report(1);
            }
          });
        },
        processHere,
      )
    : null;
  return { first: quick ?? transforms, transforms, quick };
}

/**
 * This thread reads every file and runs the text pre-check (cheap, and most files end there), and
 * sends the files that pass it to the workers in small batches.
 */
async function processFilesOnWorkers(
  files: readonly FileEntry[],
  options: ProcessOptions,
  pools: WorkerPools,
  slots: Array<FileResult | undefined>,
  progress: ProgressCounter,
  signal: AbortSignal | undefined,
): Promise<void> {
  const { first, transforms, quick } = getStages(options, pools, slots, progress, signal);
  const stop = () => {
    for (const stage of [transforms, quick]) stage?.close();
    void destroyPools(pools);
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for (let i = 0; i < files.length && !signal?.aborted; i++) {
      // The quick check runs in the workers: its ASTs belong in their bounded heaps, not in this
      // thread's, which holds every file's result (measured in bench/, corpus x3).
      const read = readSource(files[i]!, options, false);
      if (isSourceText(read)) {
        first.add({ index: i, source: read });
        // Hold back while the workers have enough to do; reading further ahead only holds text.
        while (first.full || transforms.full) {
          const ends = [first.next(), transforms.next()].filter((end) => end !== null);
          if (ends.length === 0) break;
          await Promise.race(ends);
        }
      } else {
        slots[i] = read;
        progress.count();
      }
      await progress.breathe();
    }
    progress.flush();
    if (!signal?.aborted) {
      if (quick) {
        quick.flush();
        await quick.drain();
      }
      transforms.flush();
      await transforms.drain();
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    await destroyPools(pools);
  }
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
  const outside: string[] = [];
  for (const file of files) {
    const repo = findGitRepo(path.dirname(file));
    if (!repo) {
      outside.push(file);
      continue;
    }
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
  if (outside.length > 0 && action === 'write') {
    const shown = outside
      .sort()
      .slice(0, 20)
      .map((file) => `  ${path.relative(cwd, file) || file}`);
    if (outside.length > 20) shown.push(`  ... and ${outside.length - 20} more`);
    throw new WriteRefusedError(
      `refusing to write: ${outside.length === 1 ? '1 file that would be changed is' : `${outside.length} files that would be changed are`} not in a git repository:\n` +
        `${shown.join('\n')}\n` +
        'Without git, the codemod changes could not be reviewed with `git diff` nor undone with `git checkout`.\n' +
        'Run `git init` and commit first, review the dry run (or --patch FILE), or pass --force to write anyway. Nothing was written.',
    );
  }
  if (dirty.length === 0) return;
  const shown = dirty
    .sort()
    .slice(0, 20)
    .map((file) => `  ${path.relative(cwd, file) || file}`);
  if (dirty.length > 20) shown.push(`  ... and ${dirty.length - 20} more`);
  const plural = dirty.length === 1 ? 'file has' : 'files have';
  const changed = action === 'write' ? 'would be changed' : 'could be changed';
  throw new WriteRefusedError(
    `refusing to ${action}: ${dirty.length} ${plural} uncommitted changes and ${changed}:\n${shown.join('\n')}\n` +
      'Commit or stash them first, so that the codemod changes can be reviewed and undone on their own,\n' +
      `or pass --force to ${action === 'write' ? 'write' : 'review and write'} anyway. Nothing was written.`,
  );
}

/**
 * `--write`: writes the changed files (after checking git, unless forced), adding each path written
 * to `written`; a file that cannot be written becomes an error result. Interrupted by the signal?
 */
async function writeChangedFiles(results: FileResult[], options: RunOptions, hooks: RunHooks, written: string[]): Promise<boolean> {
  const changed = results.filter((r) => r.status === 'changed');
  if (!options.force)
    checkCommitted(
      changed.map((r) => r.file),
      options.cwd,
    );
  for (const result of changed) {
    if (hooks.signal?.aborted) return true;
    try {
      writeFileAtomic(result.file, encode(result.output ?? '', result.encoding), encode(result.source ?? '', result.encoding), hooks.fs);
      written.push(result.path);
    } catch (error) {
      result.status = 'error';
      const message =
        error instanceof WriteConflictError ? error.message : `cannot write file (${(error as NodeJS.ErrnoException).code ?? String(error)}); left unchanged`;
      result.error = { message };
    }
    // Let a Ctrl-C handler run between files: each file is either fully old or fully new.
    await yieldToEventLoop();
  }
  return false;
}

/** The directory patch paths are relative to: the git work tree's root, else `cwd` (its real path). */
function getPatchBase(cwd: string): string {
  let patchBase = cwd;
  try {
    patchBase = fs.realpathSync(cwd);
  } catch {
    // keep cwd
  }
  return findGitRepo(patchBase)?.root ?? patchBase;
}

/**
 * Large runs parse on worker threads (this thread reads and pre-checks), small ones here. The
 * workers start as soon as the walk has found enough files for a large run, so that loading the
 * parsers overlaps the rest of the walk. Null: no workers (a small run, or no worker script).
 */
function findFilesAndStartWorkers(options: RunOptions): FindFilesResult & { pools: WorkerPools | null } {
  const workerFile = options.workerFile === undefined ? defaultWorkerFile() : options.workerFile;
  const minFiles = options.minFilesForWorkers ?? DEFAULT_MIN_FILES_FOR_WORKERS;
  const started: { pools: WorkerPools | null } = { pools: null };
  const start = () => {
    if (workerFile) started.pools ??= createPools(workerFile, Math.max(1, options.jobs));
  };
  try {
    const found = findFiles(options.paths, options, (count) => {
      if (count >= minFiles) start();
    });
    // The walk reports counts from 1 on: a threshold of 0 is met only here.
    if (found.files.length >= minFiles) start();
    return { ...found, pools: started.pools };
  } catch (error) {
    if (started.pools) void destroyPools(started.pools);
    throw error;
  }
}

export async function run(options: RunOptions, hooks: RunHooks = {}): Promise<RunResult> {
  const start = performance.now();
  const { files, notes, pools } = findFilesAndStartWorkers(options);
  const found = performance.now();

  const processOptions: ProcessOptions = {
    transforms: options.transforms,
    parser: options.parser,
    transformOptions: options.transformOptions,
    maxSize: options.maxSize,
    includeGenerated: options.includeGenerated ?? false,
    keepText: options.write,
  };
  const processed = await processFiles(files, processOptions, pools, hooks);
  const results = processed.results;
  let interrupted = processed.interrupted;
  const afterProcessing = performance.now();

  const written: string[] = [];
  if (options.write && !interrupted) interrupted = await writeChangedFiles(results, options, hooks, written);
  const end = performance.now();

  return {
    files: results,
    notes,
    workers: pools?.workers ?? 0,
    written,
    interrupted,
    patchBase: getPatchBase(options.cwd),
    timings: { findMs: found - start, processMs: afterProcessing - found, writeMs: end - afterProcessing },
    durationMs: end - start,
  };
}
