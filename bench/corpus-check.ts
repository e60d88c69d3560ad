/**
 * `npm run test:corpus`: the reliability properties over every file of the corpus
 * (corpus.ts), with all transforms, on worker threads. See check-file.ts for the properties.
 * Prints the figures and every failure (path, kind, reason); exits 1 on any failure. Files whose
 * original does not parse are counted separately and are not failures.
 *
 * Usage: node dist/bench/corpus-check.js [--quick] [--jobs N] [--timeout SECONDS] [--changed FILE]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Failure, FailureKind, FileOutcome } from './check-file';
import type { CheckMessage, CheckWorkerData } from './corpus-check-worker';
import { describeCorpus, ensureCorpus } from './corpus';

interface Options {
  quick: boolean;
  jobs: number;
  timeoutMs: number;
  changedFile?: string;
}

function getOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean' }, jobs: { type: 'string', short: 'j' }, timeout: { type: 'string' }, changed: { type: 'string' } },
  });
  const jobs = Number(values.jobs ?? os.availableParallelism());
  const timeout = Number(values.timeout ?? 60);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs: expected a positive integer, got "${values.jobs}"`);
  if (!(timeout > 0)) throw new Error(`--timeout: expected seconds, got "${values.timeout}"`);
  return { quick: values.quick ?? false, jobs, timeoutMs: timeout * 1000, changedFile: values.changed };
}

interface Totals {
  files: number;
  parsed: number;
  unparsable: number;
  withHandler: number;
  precheckPassed: number;
  changed: string[];
  sites: number;
  findings: number;
  failures: Failure[];
}

/** What the workers of one check share. */
interface CheckPool {
  files: string[];
  data: CheckWorkerData;
  timeoutMs: number;
  totals: Totals;
  /** Workers started and not finished. */
  running: number;
  resolve(totals: Totals): void;
}

/** Checks `files` on `jobs` workers; a worker stuck on one file past the timeout, or dying, is replaced. */
function checkAll(root: string, files: string[], jobs: number, timeoutMs: number): Promise<Totals> {
  const totals: Totals = { files: 0, parsed: 0, unparsable: 0, withHandler: 0, precheckPassed: 0, changed: [], sites: 0, findings: 0, failures: [] };
  const data: CheckWorkerData = { root, files, counter: new SharedArrayBuffer(4) };
  return new Promise((resolve) => {
    const pool: CheckPool = { files, data, timeoutMs, totals, running: 0, resolve };
    for (let i = 0; i < Math.min(jobs, files.length); i++) startCheckWorker(pool);
    if (files.length === 0) resolve(totals);
  });
}

function addOutcome(totals: Totals, outcome: FileOutcome, file: string, fileCount: number): void {
  totals.files++;
  if (outcome.parsed) totals.parsed++;
  else if (outcome.failures.length === 0) totals.unparsable++;
  if (outcome.hasHandler) totals.withHandler++;
  if (outcome.precheck) totals.precheckPassed++;
  if (outcome.changed) totals.changed.push(file);
  totals.sites += outcome.sites;
  totals.findings += outcome.findings;
  totals.failures.push(...outcome.failures);
  if (totals.files % 2000 === 0) process.stderr.write(`corpus-check: ${totals.files}/${fileCount} files\n`);
}

/** The file a worker was on when it timed out or died, as a failure; nothing when it was on none. */
function addLost(pool: CheckPool, index: number | undefined, kind: FailureKind, detail: string): void {
  if (index === undefined) return;
  pool.totals.files++;
  pool.totals.failures.push({ path: pool.files[index]!, kind, detail });
}

/** One worker of the pool, replaced when it times out or dies while files remain; the last one to finish resolves the check. */
function startCheckWorker(pool: CheckPool): void {
  const { files, timeoutMs } = pool;
  pool.running++;
  const worker = new Worker(path.join(__dirname, 'corpus-check-worker.js'), { workerData: pool.data });
  let current: number | undefined;
  let since = 0;
  let finished = false;
  const finish = (restart: boolean) => {
    if (finished) return;
    finished = true;
    clearInterval(watchdog);
    pool.running--;
    if (restart && Atomics.load(new Int32Array(pool.data.counter), 0) < files.length) startCheckWorker(pool);
    if (pool.running === 0) pool.resolve(pool.totals);
  };
  const watchdog = setInterval(() => {
    if (current !== undefined && Date.now() - since > timeoutMs) {
      addLost(pool, current, 'timeout', `no result after ${timeoutMs / 1000} s`);
      current = undefined;
      void worker.terminate();
      finish(true);
    }
  }, 1000);
  worker.on('message', (message: CheckMessage) => {
    if (message.type === 'start') {
      current = message.index;
      since = Date.now();
    } else {
      current = undefined;
      addOutcome(pool.totals, message.outcome, files[message.index]!, files.length);
    }
  });
  worker.on('error', (error) => {
    addLost(pool, current, 'crash', `worker died: ${error.message}`);
    current = undefined;
    finish(true);
  });
  worker.on('exit', (code) => {
    if (code !== 0) addLost(pool, current, 'crash', `worker exited with code ${code}`);
    current = undefined;
    finish(code !== 0);
  });
}

const KIND_ORDER: readonly FailureKind[] = [
  'output-unparsable',
  'not-idempotent',
  'precheck-miss',
  'changed-without-handler',
  'formatting',
  'site-position',
  'transform-error',
  'crash',
  'timeout',
];

async function main(argv: string[]): Promise<number> {
  const options = getOptions(argv);
  const corpus = ensureCorpus({ quick: options.quick });
  process.stderr.write(`corpus-check: ${describeCorpus(corpus)}, ${options.jobs} workers\n`);
  const started = Date.now();
  const files = corpus.files.map((f) => f.path);
  const totals = await checkAll(corpus.root, files, options.jobs, options.timeoutMs);
  const seconds = (Date.now() - started) / 1000;

  const changed = new Set(totals.changed);
  const expected = corpus.planted.filter((p) => p.expectChange);
  const plantedChanged = expected.filter((p) => changed.has(p.path)).length;
  const negativesChanged = corpus.planted.filter((p) => !p.expectChange && changed.has(p.path)).length;
  const failures = totals.failures.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byKind = KIND_ORDER.map((kind) => [kind, failures.filter((f) => f.kind === kind).length] as const).filter(([, n]) => n > 0);
  const failedFiles = new Set(failures.map((f) => f.path)).size;

  const lines = [
    `corpus check${options.quick ? ' (--quick)' : ''}: ${describeCorpus(corpus)}`,
    `files ${totals.files}; parsed ${totals.parsed}; original does not parse ${totals.unparsable} (not failures)`,
    `with a handler ${totals.withHandler}; pre-check passed ${totals.precheckPassed}; changed ${changed.size}; sites ${totals.sites}; findings ${totals.findings}`,
    `planted: ${plantedChanged} of ${expected.length} expected files changed, ${negativesChanged} negatives changed`,
    `failures: ${failures.length} in ${failedFiles} files${byKind.length ? ` (${byKind.map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`,
    `time: ${seconds.toFixed(1)} s on ${options.jobs} workers`,
  ];
  for (const failure of failures) lines.push(`  FAIL ${failure.kind} ${failure.path}: ${failure.detail}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (options.changedFile) fs.writeFileSync(options.changedFile, `${[...changed].sort().join('\n')}\n`);
  return failures.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`corpus-check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
