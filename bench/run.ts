/**
 * `npm run bench`: sendlast against jscodeshift's runner and the parse floor, on the corpus built
 * by corpus.ts. Every case runs as its own process tree, in alternating order, several times;
 * the table shows the median and min-max of wall time, CPU time (user + system) and peak RSS.
 * Asserts correctness only (exit 1 on a mismatch), never speed:
 *   - sendlast's changed-file set equals the union of jscodeshift's over all transforms;
 *   - sendlast's report is the same in every run, with 1 and N workers;
 *   - exactly the planted files meant to change do change.
 *
 * Usage: node dist/bench/run.js [--quick] [--runs N] [--jscodeshift-runs N] [--startup-runs N]
 *                               [--no-jscodeshift] [--json FILE]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { combine, createTotalCase, formatTable, runAlternating, summarize, type Case } from './cases';
import { describeCorpus, ensureCorpus, ensureRepeated, findRepoRoot, type Corpus } from './corpus';
import { getSystemBusyMs, measure } from './measure';
import type { ParseFloorReport } from './parse-floor';

interface BenchOptions {
  quick: boolean;
  runs: number;
  jscodeshiftRuns: number;
  startupRuns: number;
  jscodeshift: boolean;
  json?: string;
}

function getOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      'jscodeshift-runs': { type: 'string' },
      'startup-runs': { type: 'string' },
      'no-jscodeshift': { type: 'boolean' },
      json: { type: 'string' },
    },
  });
  const count = (value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive integer, got "${value}"`);
    return n;
  };
  const quick = values.quick ?? false;
  return {
    quick,
    runs: count(values.runs, quick ? 5 : 3),
    jscodeshiftRuns: count(values['jscodeshift-runs'], quick ? 2 : 1),
    startupRuns: count(values['startup-runs'], 10),
    jscodeshift: !values['no-jscodeshift'],
    json: values.json,
  };
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** The parser groups jscodeshift must be run with: it takes one `--parser` per run. */
const JSCODESHIFT_GROUPS: readonly { parser: string; extensions: readonly string[] }[] = [
  { parser: 'babel', extensions: ['js', 'jsx', 'mjs', 'cjs'] },
  { parser: 'ts', extensions: ['ts', 'mts', 'cts'] },
  { parser: 'tsx', extensions: ['tsx'] },
];

/**
 * Copies dist/ and package.json into the cache and returns the copy's folder: what is measured is
 * the build as it was when the run started, even if dist/ is rebuilt meanwhile. Dependencies still
 * resolve from the repository's node_modules (the copy lives below the repository).
 */
function snapshotBuild(repo: string): string {
  const target = path.join(repo, '.cache', 'bench', 'build');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.cpSync(path.join(repo, 'dist'), path.join(target, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  fs.copyFileSync(path.join(repo, 'package.json'), path.join(target, 'package.json'));
  return target;
}

/** How many times over the corpus is run to see whether memory grows with the number of files. */
const REPEATED_COPIES = 3;

interface Repeated {
  root: string;
  files: number;
}

interface Plan {
  sendlast: Case[];
  /** sendlast -j <cores> over the corpus several times over: does memory grow with the number of files? */
  repeated: Case | null;
  floor: Case;
  /** The parse floor on one thread: how far parsing itself scales on this machine. */
  floorOne: Case | null;
  jscodeshift: Case[];
  startup: Case[];
  groups: typeof JSCODESHIFT_GROUPS;
  warmUp: string[][];
}

function createCase(id: string, label: string, steps: Case['steps'], runs: number, files: number): Case {
  return { id, label, steps, runs, files, measurements: [] };
}

/** sendlast on the corpus with one thread and with every core, and on the repeated corpus. */
function createSendlastCases(
  options: BenchOptions,
  corpus: Corpus,
  repeated: Repeated | null,
  cli: string,
  cores: number,
): Pick<Plan, 'sendlast' | 'repeated'> {
  const files = corpus.files.length;
  const sendlast = [...new Set([1, cores])].map((j) =>
    createCase(
      `sendlast-j${j}`,
      `sendlast --json -j ${j}`,
      [{ args: [cli, '--json', '--no-gitignore', '-j', String(j), '.'], okExitCodes: [0, 3], json: true }],
      options.runs,
      files,
    ),
  );
  const repeatedCase = repeated
    ? createCase(
        'sendlast-repeated',
        `sendlast --json -j ${cores}, corpus x${REPEATED_COPIES}`,
        [{ args: [cli, '--json', '--no-gitignore', '-j', String(cores), repeated.root], okExitCodes: [0, 3], json: true }],
        options.runs,
        repeated.files,
      )
    : null;
  return { sendlast, repeated: repeatedCase };
}

/** The parse floor on every core, and on one thread when there are more. */
function createFloorCases(options: BenchOptions, files: number, floorScript: string, cores: number): Pick<Plan, 'floor' | 'floorOne'> {
  const floor = createCase(
    'parse-floor',
    `parse floor (@babel/parser, ${cores} threads)`,
    [{ args: [floorScript, '--threads', String(cores), '.'], okExitCodes: [0] }],
    options.runs,
    files,
  );
  const floorOne =
    cores > 1
      ? createCase(
          'parse-floor-1',
          'parse floor (@babel/parser, 1 thread)',
          [{ args: [floorScript, '--threads', '1', '.'], okExitCodes: [0] }],
          options.runs,
          files,
        )
      : null;
  return { floor, floorOne };
}

/** jscodeshift's runner with each transform, one step per group of extensions the corpus holds. */
function createJscodeshiftCases(options: BenchOptions, corpus: Corpus, dist: string, repo: string): Pick<Plan, 'jscodeshift' | 'groups'> {
  const jscodeshiftBin = path.join(repo, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
  const { TRANSFORM_NAMES } = require(path.join(dist, 'transforms', 'index.js')) as { TRANSFORM_NAMES: readonly string[] };
  const present = new Set(corpus.files.map((f) => path.extname(f.path).slice(1)));
  const groups = JSCODESHIFT_GROUPS.filter((g) => g.extensions.some((e) => present.has(e)));
  const jscodeshiftArgs = (name: string, group: (typeof groups)[number]) => [
    jscodeshiftBin,
    '--dry',
    '--silent',
    '--verbose=2',
    '--no-babel',
    '-t',
    path.join(dist, 'transforms', name, 'index.js'),
    `--extensions=${group.extensions.join(',')}`,
    `--parser=${group.parser}`,
    '.',
  ];
  const jscodeshift = options.jscodeshift
    ? TRANSFORM_NAMES.map((name) =>
        createCase(
          `jscodeshift-${name}`,
          `jscodeshift -t ${name}`,
          groups.map((g) => ({ args: jscodeshiftArgs(name, g), okExitCodes: [0] })),
          options.jscodeshiftRuns,
          corpus.files.length,
        ),
      )
    : [];
  return { jscodeshift, groups };
}

/** Start-up: --version, and one planted file. */
function createStartupCases(options: BenchOptions, corpus: Corpus, cli: string): Case[] {
  const oneFile = corpus.planted.find((p) => p.expectChange)?.path;
  if (!oneFile) throw new Error('the corpus has no planted file to change');
  return [
    createCase('version', 'sendlast --version', [{ args: [cli, '--version'], okExitCodes: [0] }], options.startupRuns, 0),
    createCase(
      'one-file',
      'sendlast --json <one file>',
      [{ args: [cli, '--json', '--no-gitignore', oneFile], okExitCodes: [0], json: true }],
      options.startupRuns,
      0,
    ),
  ];
}

function createPlan(options: BenchOptions, corpus: Corpus, repeated: Repeated | null, dist: string, repo: string, cores: number): Plan {
  const cli = path.join(dist, 'cli', 'main.js');
  const floorScript = path.join(dist, 'bench', 'parse-floor.js');
  const { jscodeshift, groups } = createJscodeshiftCases(options, corpus, dist, repo);
  return {
    ...createSendlastCases(options, corpus, repeated, cli, cores),
    ...createFloorCases(options, corpus.files.length, floorScript, cores),
    jscodeshift,
    startup: createStartupCases(options, corpus, cli),
    groups,
    warmUp: [
      [floorScript, '.'],
      [cli, '--version'],
    ],
  };
}

// --- correctness -----------------------------------------------------------------------------

interface SendlastReport {
  files: { path: string; status: string }[];
  summary: { scanned: number; changed: number; unchanged: number; findings: number; errors: number; durationMs: number };
}

/** A path printed by a runner started in the corpus root, as a corpus path. */
function toCorpusPath(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

function getChangedFiles(corpus: Corpus, report: SendlastReport): Set<string> {
  return new Set(report.files.filter((f) => f.status === 'changed').map((f) => toCorpusPath(corpus.root, f.path)));
}

// Colour codes, in case jscodeshift prints them despite NO_COLOR.
const ANSI = /\u001b\[[0-9;]*m/g;

/** jscodeshift prints ` OKK <path>` for every file a transform changed (with --verbose=2, even with --silent). */
function getJscodeshiftStatus(corpus: Corpus, output: string): { changed: string[]; errors: number } {
  const changed: string[] = [];
  let errors = 0;
  for (const line of output.replace(ANSI, '').split('\n')) {
    const ok = /^\s*OKK\s+(.+?)\s*$/.exec(line);
    if (ok) changed.push(toCorpusPath(corpus.root, ok[1]!));
    else if (/^\s*ERR\s/.test(line)) errors++;
  }
  return { changed, errors };
}

function compareSets(expected: Set<string>, actual: Set<string>): string[] {
  const missing = [...expected].filter((p) => !actual.has(p)).sort();
  const extra = [...actual].filter((p) => !expected.has(p)).sort();
  const failures: string[] = [];
  const union = "jscodeshift's runner (union over transforms)";
  if (missing.length) failures.push(`${missing.length} files changed by ${union} but not by sendlast: ${missing.slice(0, 20).join(', ')}`);
  if (extra.length) failures.push(`${extra.length} files changed by sendlast but not by ${union}: ${extra.slice(0, 20).join(', ')}`);
  return failures;
}

function withoutDuration(report: SendlastReport): string {
  return JSON.stringify({ ...report, summary: { ...report.summary, durationMs: 0 } });
}

interface Verdict {
  failures: string[];
  report: SendlastReport;
  plantedChanged: number;
  plantedExpected: number;
  negativesChanged: number;
  jscodeshift?: { changed: number; errors: number };
}

function checkCorrectness(plan: Plan, corpus: Corpus): Verdict {
  const failures: string[] = [];
  const reference = plan.sendlast[0]!;
  const report = JSON.parse(reference.measurements[0]![0]!.stdout) as SendlastReport;
  for (const c of plan.sendlast) {
    if (c.measurements.some((run) => withoutDuration(JSON.parse(run[0]!.stdout) as SendlastReport) !== withoutDuration(report))) {
      failures.push(`${c.label}: the JSON report differs from the first one of ${reference.label}`);
    }
  }
  const changed = getChangedFiles(corpus, report);
  const expected = corpus.planted.filter((p) => p.expectChange);
  const missed = expected.filter((p) => !changed.has(p.path));
  if (missed.length) {
    failures.push(
      `planted: ${expected.length - missed.length} of ${expected.length} files meant to change did; unchanged: ` +
        missed
          .slice(0, 20)
          .map((p) => `${p.path} [${p.shapes.join(', ')}]`)
          .join('; '),
    );
  }
  const negatives = corpus.planted.filter((p) => !p.expectChange && changed.has(p.path)).map((p) => p.path);
  if (negatives.length) failures.push(`planted: files meant to stay unchanged changed: ${negatives.join(', ')}`);
  if (plan.repeated) {
    for (const run of plan.repeated.measurements) {
      const summary = (JSON.parse(run[0]!.stdout) as SendlastReport).summary;
      if (summary.changed !== report.summary.changed * REPEATED_COPIES || summary.findings !== report.summary.findings * REPEATED_COPIES) {
        failures.push(
          `${plan.repeated.label}: ${summary.changed} changed files and ${summary.findings} findings, expected ${REPEATED_COPIES} times` +
            ` ${report.summary.changed} and ${report.summary.findings}`,
        );
        break;
      }
    }
  }

  const verdict: Verdict = {
    failures,
    report,
    plantedChanged: expected.length - missed.length,
    plantedExpected: expected.length,
    negativesChanged: negatives.length,
  };
  if (plan.jscodeshift.length) {
    // The first run of every transform, all parser groups.
    const status = plan.jscodeshift.flatMap((c) => c.measurements[0]!.map((step) => getJscodeshiftStatus(corpus, step.stdout)));
    const union = new Set(status.flatMap((s) => s.changed));
    failures.push(...compareSets(union, changed));
    verdict.jscodeshift = { changed: union.size, errors: status.reduce((n, s) => n + s.errors, 0) };
  }
  return verdict;
}

// --- report ----------------------------------------------------------------------------------

function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(3) : 'n/a';
}

interface Context {
  options: BenchOptions;
  corpus: Corpus;
  cores: number;
  elapsedS: number;
  otherShare: number;
  buildDir: string;
}

function getStats(rows: readonly Case[], id: string) {
  return summarize(rows.find((c) => c.id === id)?.measurements ?? []);
}

/** What was measured, on what, and how busy the machine was. */
function formatConditions(plan: Plan, context: Context): string[] {
  const { options, corpus, cores } = context;
  const lines: string[] = [
    `sendlast benchmark${options.quick ? ' (--quick)' : ''}: ${new Date().toISOString()}`,
    `machine: ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}`,
    `corpus: ${describeCorpus(corpus)}`,
    `other processes used ${Number.isFinite(context.otherShare) ? (context.otherShare * 100).toFixed(0) : 'n/a'}% of the CPUs during the measured runs`,
  ];
  if (context.otherShare > 0.1) lines.push('WARNING: the machine was busy with other work: wall times are inflated, CPU times much less so');
  lines.push(
    `runs: ${options.runs} of sendlast and the parse floor, ${plan.jscodeshift.length ? `${options.jscodeshiftRuns} of jscodeshift (slow)` : 'jscodeshift skipped'},` +
      ` ${options.startupRuns} of start-up; alternating; ${context.elapsedS.toFixed(0)} s in all`,
    `jscodeshift: --dry --silent --verbose=2 --no-babel, ${Math.max(cores - 1, 1)} worker process(es) (jscodeshift caps its workers at cores - 1;` +
      ` --cpus cannot raise it), one run per transform and per --parser group` +
      ` (${plan.groups.map((g) => `${g.parser}: ${g.extensions.join(',')}`).join('; ')})`,
    'sendlast: --json --no-gitignore (jscodeshift reads no .gitignore either), dry run, all transforms',
    `build measured: a copy of dist/ taken at the start (${context.buildDir})`,
  );
  return lines;
}

/** Wall-time ratios against jscodeshift and the parse floor, and how far -j N scales. */
function formatRatios(plan: Plan, rows: readonly Case[], cores: number): string[] {
  const wall = (id: string) => getStats(rows, id).wall.median;
  const jscodeshiftId = plan.jscodeshift.length > 1 ? 'jscodeshift-total' : plan.jscodeshift[0]?.id;
  const best = `sendlast-j${cores}`;
  const lines: string[] = [];
  if (jscodeshiftId) {
    const speedUp = (id: string) => `${(wall(jscodeshiftId) / wall(id)).toFixed(1)}x`;
    lines.push(
      `ratio wall sendlast/jscodeshift: -j 1 ${ratio(wall('sendlast-j1'), wall(jscodeshiftId))}` +
        (cores > 1 ? `, -j ${cores} ${ratio(wall(best), wall(jscodeshiftId))}` : '') +
        ` (speed-up ${speedUp('sendlast-j1')}${cores > 1 ? ` and ${speedUp(best)}` : ''}; target at least 50x)`,
    );
  }
  lines.push(
    `ratio wall sendlast/parse floor: -j 1 ${ratio(wall('sendlast-j1'), wall('parse-floor'))}` +
      (cores > 1 ? `, -j ${cores} ${ratio(wall(best), wall('parse-floor'))}` : '') +
      ' (target at most 0.4)',
  );
  if (cores > 1) {
    lines.push(
      `scaling: -j ${cores} is ${(wall('sendlast-j1') / wall(best)).toFixed(2)}x the throughput of -j 1;` +
        ` the parse floor on ${cores} threads is ${(wall('parse-floor-1') / wall('parse-floor')).toFixed(2)}x its throughput on 1` +
        ' (how far parsing itself scales on this machine)',
    );
  }
  return lines;
}

/** Peak memory, and whether it grows with the number of files. */
function formatMemory(plan: Plan, rows: readonly Case[], context: Context): string[] {
  const { corpus, cores } = context;
  const rss = (id: string) => getStats(rows, id).rss;
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  const sendlastRss = plan.sendlast.map((c) => `${c.label.replace('sendlast --json ', '')} ${mb(rss(c.id).max)}`).join(', ');
  const lines = [`peak RSS, highest of the runs: ${sendlastRss} (target below 300 MB)`];
  if (plan.repeated) {
    lines.push(
      `memory and the number of files: -j ${cores} peaks at ${mb(rss(`sendlast-j${cores}`).median)} over the corpus (${corpus.files.length} files)` +
        ` and ${mb(rss(plan.repeated.id).median)} over the same files ${REPEATED_COPIES} times (${plan.repeated.files} files), medians (target: no growth)`,
    );
  }
  return lines;
}

function formatReport(plan: Plan, rows: readonly Case[], verdict: Verdict, context: Context): string {
  const floorReport = JSON.parse(plan.floor.measurements[0]![0]!.stdout) as ParseFloorReport;
  const s = verdict.report.summary;
  const lines: string[] = [
    ...formatConditions(plan, context),
    '',
    formatTable(rows),
    '',
    `sendlast report: scanned ${s.scanned}, changed ${s.changed}, unchanged ${s.unchanged}, findings ${s.findings}, errors ${s.errors};` +
      ` parse floor: ${floorReport.parsed} parsed, ${floorReport.failed.length} do not parse`,
  ];
  if (verdict.jscodeshift) lines.push(`jscodeshift: ${verdict.jscodeshift.changed} files changed (union), ${verdict.jscodeshift.errors} ERR lines`);
  lines.push(`planted: ${verdict.plantedChanged} of ${verdict.plantedExpected} expected files changed, ${verdict.negativesChanged} negatives changed`);
  lines.push(...formatRatios(plan, rows, context.cores), ...formatMemory(plan, rows, context), '');
  if (verdict.failures.length === 0) {
    lines.push('correctness: OK (same changed files as jscodeshift, same report with 1 and N workers, planted files as expected)');
  } else {
    lines.push(`CORRECTNESS: ${verdict.failures.length} failure(s)`, ...verdict.failures.map((f) => `  - ${f}`));
  }
  return `${lines.join('\n')}\n`;
}

// --- main ------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const options = getOptions(argv);
  const repo = findRepoRoot();
  for (const file of ['dist/cli/main.js', 'dist/bench/parse-floor.js', 'dist/transforms/index.js']) {
    if (!fs.existsSync(path.join(repo, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const build = snapshotBuild(repo);
  const corpus = ensureCorpus({ quick: options.quick, log });
  const repeated = options.quick ? null : ensureRepeated(corpus, REPEATED_COPIES);
  const cores = os.availableParallelism();
  log(`corpus: ${describeCorpus(corpus)}`);
  const plan = createPlan(options, corpus, repeated, path.join(build, 'dist'), repo, cores);

  log('warm-up: one untimed run of the parse floor and of sendlast --version (file cache, compile cache)');
  for (const args of plan.warmUp) await measure(process.execPath, args, { cwd: corpus.root });

  const started = Date.now();
  const busyAtStart = getSystemBusyMs();
  const ownAtStart = process.cpuUsage();
  await runAlternating(plan.startup, corpus.root, log);
  const optional = [plan.repeated, plan.floorOne].filter((c): c is Case => c !== null);
  await runAlternating([...plan.sendlast, ...optional, plan.floor, ...plan.jscodeshift], corpus.root, log);
  const elapsedS = (Date.now() - started) / 1000;
  // CPU time the rest of the machine used meanwhile, as a share of all cores.
  const own = process.cpuUsage(ownAtStart);
  const measured = [...plan.startup, ...plan.sendlast, ...optional, plan.floor, ...plan.jscodeshift];
  const measuredCpuMs = measured.flatMap((c) => c.measurements.flat()).reduce((sum, m) => sum + m.cpuMs, 0);
  const otherCpuMs = getSystemBusyMs() - busyAtStart - measuredCpuMs - (own.user + own.system) / 1000;
  const otherShare = Math.max(0, otherCpuMs / (elapsedS * 1000 * cores));

  const verdict = checkCorrectness(plan, corpus);
  const total =
    plan.jscodeshift.length > 1 ? [createTotalCase('jscodeshift-total', `jscodeshift, all ${plan.jscodeshift.length} transforms`, plan.jscodeshift)] : [];
  const rows = [
    ...plan.sendlast,
    ...(plan.repeated ? [plan.repeated] : []),
    ...plan.jscodeshift,
    ...total,
    plan.floor,
    ...(plan.floorOne ? [plan.floorOne] : []),
    ...plan.startup,
  ];
  process.stdout.write(formatReport(plan, rows, verdict, { options, corpus, cores, elapsedS, otherShare, buildDir: path.relative(repo, build) }));

  if (options.json) {
    const cases = rows.map((c) => ({ id: c.id, label: c.label, files: c.files, ...summarize(c.measurements), runs: c.measurements.map(combine) }));
    const raw = { date: new Date().toISOString(), quick: options.quick, otherCpuShare: otherShare, cases, failures: verdict.failures };
    fs.writeFileSync(options.json, `${JSON.stringify(raw, null, 2)}\n`);
  }
  return verdict.failures.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
