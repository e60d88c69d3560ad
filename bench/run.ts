/**
 * `npm run bench`: sendlast against jscodeshift's runner and the parse floor, on the corpus built
 * by corpus.ts. Every case runs as its own process tree, in alternating order, several times;
 * the table shows the median and min-max of wall time, CPU time (user + system) and peak RSS.
 * Asserts correctness only (exit 1 on a mismatch), never speed:
 *   - sendlast's changed-file set equals the union of jscodeshift's over all transforms;
 *   - sendlast's report is the same with 1 and N workers;
 *   - exactly the planted files meant to change do change.
 *
 * Usage: node dist/bench/run.js [--quick] [--runs N] [--jscodeshift-runs N] [--startup-runs N]
 *                               [--no-jscodeshift] [--json FILE]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { describeCorpus, ensureCorpus, findRepoRoot, type Corpus } from './corpus';
import { getStats, measure, type Measurement, type Stats } from './measure';
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

/** One command of a case; a case made of several (jscodeshift per parser) sums them. */
interface Step {
  args: string[];
  /** Exit codes that mean success. */
  okExitCodes: readonly number[];
  /** stdout must be one JSON document. */
  json?: boolean;
}

interface Case {
  id: string;
  label: string;
  steps: Step[];
  runs: number;
  /** Files the case processes, for files/second (0: not applicable). */
  files: number;
  measurements: Measurement[][];
}

interface Summary {
  wall: Stats;
  cpu: Stats;
  rss: Stats;
}

const ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

/** The parser groups jscodeshift must be run with: it takes one `--parser` per run. */
const JSCODESHIFT_GROUPS: readonly { parser: string; extensions: readonly string[] }[] = [
  { parser: 'babel', extensions: ['js', 'jsx', 'mjs', 'cjs'] },
  { parser: 'ts', extensions: ['ts', 'mts', 'cts'] },
  { parser: 'tsx', extensions: ['tsx'] },
];

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** Wall, CPU and peak RSS of one run of a case: steps run one after another, so sum and max. */
function combine(steps: readonly Measurement[]): { wallMs: number; cpuMs: number; peakRssBytes: number } {
  return {
    wallMs: steps.reduce((sum, m) => sum + m.wallMs, 0),
    cpuMs: steps.reduce((sum, m) => sum + m.cpuMs, 0),
    peakRssBytes: Math.max(...steps.map((m) => m.peakRssBytes)),
  };
}

function summarize(runs: readonly Measurement[][]): Summary {
  const combined = runs.map(combine);
  return {
    wall: getStats(combined.map((r) => r.wallMs)),
    cpu: getStats(combined.map((r) => r.cpuMs)),
    rss: getStats(combined.map((r) => r.peakRssBytes)),
  };
}

async function runCase(benchCase: Case, cwd: string): Promise<void> {
  const results: Measurement[] = [];
  for (const step of benchCase.steps) {
    const m = await measure(process.execPath, step.args, { cwd, env: ENV });
    if (m.exitCode === null || !step.okExitCodes.includes(m.exitCode)) {
      throw new Error(
        `${benchCase.label}: \`node ${step.args.join(' ')}\` exited with ${m.exitCode ?? m.signal}\n${m.stderr.slice(-2000)}`,
      );
    }
    if (step.json) {
      try {
        JSON.parse(m.stdout);
      } catch {
        throw new Error(`${benchCase.label}: stdout is not JSON: ${m.stdout.slice(0, 200)}\n${m.stderr.slice(-2000)}`);
      }
    }
    results.push(m);
  }
  benchCase.measurements.push(results);
}

/** Runs `cases` round-robin, each up to its own run count, rotating which one goes first. */
async function runAlternating(cases: readonly Case[], cwd: string): Promise<void> {
  const rounds = Math.max(...cases.map((c) => c.runs));
  for (let round = 0; round < rounds; round++) {
    const active = cases.filter((c) => c.measurements.length < c.runs);
    const shift = round % active.length;
    for (const benchCase of [...active.slice(shift), ...active.slice(0, shift)]) {
      const started = Date.now();
      await runCase(benchCase, cwd);
      log(`round ${round + 1}/${rounds} ${benchCase.label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
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

function getSendlastChanged(corpus: Corpus, output: string): { report: SendlastReport; changed: Set<string> } {
  const report = JSON.parse(output) as SendlastReport;
  const changed = new Set(report.files.filter((f) => f.status === 'changed').map((f) => toCorpusPath(corpus.root, f.path)));
  return { report, changed };
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** jscodeshift prints ` OKK <path>` for every file a transform changed (with --verbose=2). */
function getJscodeshiftStatus(corpus: Corpus, output: string): { changed: Set<string>; errors: number } {
  const changed = new Set<string>();
  let errors = 0;
  for (const line of output.replace(ANSI, '').split('\n')) {
    const ok = /^\s*OKK\s+(.+?)\s*$/.exec(line);
    if (ok) changed.add(toCorpusPath(corpus.root, ok[1]!));
    else if (/^\s*ERR\s/.test(line)) errors++;
  }
  return { changed, errors };
}

function compareSets(name: string, expected: Set<string>, actual: Set<string>, expectedName: string): string[] {
  const missing = [...expected].filter((p) => !actual.has(p)).sort();
  const extra = [...actual].filter((p) => !expected.has(p)).sort();
  const failures: string[] = [];
  if (missing.length) failures.push(`${name}: ${missing.length} files changed by ${expectedName} but not here: ${missing.slice(0, 20).join(', ')}`);
  if (extra.length) failures.push(`${name}: ${extra.length} files changed here but not by ${expectedName}: ${extra.slice(0, 20).join(', ')}`);
  return failures;
}

function withoutDuration(report: SendlastReport): string {
  return JSON.stringify({ ...report, summary: { ...report.summary, durationMs: 0 } });
}

// --- output ----------------------------------------------------------------------------------

function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function formatMB(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : 'n/a';
}

function formatStats(stats: Stats, format: (n: number) => string): string {
  if (stats.n === 1) return format(stats.median);
  return `${format(stats.median)} (${format(stats.min)}-${format(stats.max)})`;
}

function formatTable(cases: readonly Case[]): string {
  const header = ['case', 'runs', 'wall: median (min-max)', 'CPU user+sys', 'peak RSS (tree)', 'files/s'];
  const rows = cases.map((c) => {
    const s = summarize(c.measurements);
    const rate = c.files > 0 ? Math.round(c.files / (s.wall.median / 1000)).toLocaleString('en-US') : '';
    return [c.label, String(s.wall.n), formatStats(s.wall, formatMs), formatStats(s.cpu, formatMs), formatStats(s.rss, formatMB), rate];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(3) : 'n/a';
}

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

// --- main ------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const options = getOptions(argv);
  const repo = findRepoRoot();
  for (const file of ['dist/cli/main.js', 'dist/bench/parse-floor.js', 'dist/transforms/index.js']) {
    if (!fs.existsSync(path.join(repo, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const build = snapshotBuild(repo);
  const dist = path.join(build, 'dist');
  const cli = path.join(dist, 'cli', 'main.js');
  const floorScript = path.join(dist, 'bench', 'parse-floor.js');
  const jscodeshiftBin = path.join(repo, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
  const { TRANSFORM_NAMES } = require(path.join(dist, 'transforms', 'index.js')) as { TRANSFORM_NAMES: readonly string[] };

  const corpus = ensureCorpus({ quick: options.quick, log });
  const cores = os.availableParallelism();
  const fileCount = corpus.files.length;
  log(`corpus: ${describeCorpus(corpus)}`);

  const jobs = [...new Set([1, cores])];
  const sendlastCases: Case[] = jobs.map((j) => ({
    id: `sendlast-j${j}`,
    label: `sendlast --json -j ${j}`,
    steps: [{ args: [cli, '--json', '--no-gitignore', '-j', String(j), '.'], okExitCodes: [0, 3], json: true }],
    runs: options.runs,
    files: fileCount,
    measurements: [],
  }));
  const floorCase: Case = {
    id: 'parse-floor',
    label: `parse floor (@babel/parser, ${cores} threads)`,
    steps: [{ args: [floorScript, '--threads', String(cores), '.'], okExitCodes: [0] }],
    runs: options.runs,
    files: fileCount,
    measurements: [],
  };
  const extensionsPresent = new Set(corpus.files.map((f) => path.extname(f.path).slice(1)));
  const groups = JSCODESHIFT_GROUPS.filter((g) => g.extensions.some((e) => extensionsPresent.has(e)));
  const jscodeshiftCases: Case[] = options.jscodeshift
    ? TRANSFORM_NAMES.map((name) => ({
        id: `jscodeshift-${name}`,
        label: `jscodeshift -t ${name}`,
        steps: groups.map((group) => ({
          args: [
            jscodeshiftBin,
            '--dry',
            '--silent',
            '--verbose=2',
            '--no-babel',
            '-t',
            path.join(dist, 'transforms', `${name}.js`),
            `--extensions=${group.extensions.join(',')}`,
            `--parser=${group.parser}`,
            '.',
          ],
          okExitCodes: [0],
        })),
        runs: options.jscodeshiftRuns,
        files: fileCount,
        measurements: [],
      }))
    : [];
  const oneFile = corpus.planted.find((p) => p.expectChange)?.path;
  if (!oneFile) throw new Error('the corpus has no planted file to change');
  const startupCases: Case[] = [
    { id: 'version', label: 'sendlast --version', steps: [{ args: [cli, '--version'], okExitCodes: [0] }] },
    { id: 'one-file', label: 'sendlast --json <one file>', steps: [{ args: [cli, '--json', '--no-gitignore', oneFile], okExitCodes: [0], json: true }] },
  ].map((c) => ({ ...c, runs: options.startupRuns, files: 0, measurements: [] }));

  log('warm-up: one untimed run of the parse floor and of sendlast --version (file cache, compile cache)');
  await measure(process.execPath, [floorScript, '.'], { cwd: corpus.root, env: ENV });
  await measure(process.execPath, [cli, '--version'], { cwd: corpus.root, env: ENV });

  const loadAtStart = os.loadavg();
  const started = Date.now();
  await runAlternating([...startupCases], corpus.root);
  await runAlternating([...sendlastCases, floorCase, ...jscodeshiftCases], corpus.root);
  const elapsedS = (Date.now() - started) / 1000;

  // Correctness.
  const failures: string[] = [];
  const reports = sendlastCases.map((c) => c.measurements.map((run) => getSendlastChanged(corpus, run[0]!.stdout)));
  const first = reports[0]![0]!;
  for (const [i, caseReports] of reports.entries()) {
    for (const r of caseReports) {
      if (withoutDuration(r.report) !== withoutDuration(first.report)) {
        failures.push(`${sendlastCases[i]!.label}: the JSON report differs from the one of ${sendlastCases[0]!.label}`);
        break;
      }
    }
  }
  const planted = new Map(corpus.planted.map((p) => [p.path, p]));
  const expectedPlanted = corpus.planted.filter((p) => p.expectChange);
  const changedPlanted = expectedPlanted.filter((p) => first.changed.has(p.path));
  if (changedPlanted.length !== expectedPlanted.length) {
    const missed = expectedPlanted.filter((p) => !first.changed.has(p.path));
    failures.push(
      `planted: ${changedPlanted.length} of ${expectedPlanted.length} files meant to change did; unchanged: ` +
        missed.slice(0, 20).map((p) => `${p.path} [${p.shapes.join(', ')}]`).join('; '),
    );
  }
  const wronglyChanged = [...first.changed].filter((p) => planted.get(p)?.expectChange === false);
  if (wronglyChanged.length) failures.push(`planted: files meant to stay unchanged changed: ${wronglyChanged.join(', ')}`);

  let jscodeshiftChanged: Set<string> | undefined;
  let jscodeshiftErrors = 0;
  if (jscodeshiftCases.length) {
    jscodeshiftChanged = new Set<string>();
    for (const c of jscodeshiftCases) {
      const perRun = c.measurements.map((run) => {
        const status = run.map((step) => getJscodeshiftStatus(corpus, step.stdout));
        return { changed: new Set(status.flatMap((s) => [...s.changed])), errors: status.reduce((n, s) => n + s.errors, 0) };
      });
      const firstRun = perRun[0]!;
      for (const p of firstRun.changed) jscodeshiftChanged.add(p);
      jscodeshiftErrors += firstRun.errors;
    }
    failures.push(...compareSets('sendlast', jscodeshiftChanged, first.changed, "jscodeshift's runner (union over transforms)"));
  }

  // Output.
  const floorReport = JSON.parse(floorCase.measurements[0]![0]!.stdout) as ParseFloorReport;
  const all = [...sendlastCases, ...jscodeshiftCases, floorCase, ...startupCases];
  if (jscodeshiftCases.length > 1) {
    // A total row: run i of the total is the sum of run i of every transform.
    const runs = Math.min(...jscodeshiftCases.map((c) => c.measurements.length));
    all.splice(sendlastCases.length + jscodeshiftCases.length, 0, {
      id: 'jscodeshift-total',
      label: `jscodeshift, all ${jscodeshiftCases.length} transforms`,
      steps: [],
      runs,
      files: fileCount,
      measurements: Array.from({ length: runs }, (_, i) => jscodeshiftCases.flatMap((c) => c.measurements[i]!)),
    });
  }
  const wall = (id: string) => summarize(all.find((c) => c.id === id)?.measurements ?? []).wall.median;
  const jscodeshiftId = jscodeshiftCases.length > 1 ? 'jscodeshift-total' : jscodeshiftCases[0]?.id;
  const best = `sendlast-j${cores}`;

  const lines: string[] = [];
  lines.push(`sendlast benchmark${options.quick ? ' (--quick)' : ''}: ${new Date().toISOString()}`);
  lines.push(`machine: ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}, load average (1 min) ${loadAtStart[0]!.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end`);
  lines.push(`corpus: ${describeCorpus(corpus)}`);
  if (Math.max(loadAtStart[0]!, os.loadavg()[0]!) > cores / 2) {
    lines.push(`WARNING: other processes were using the CPUs (load average above ${cores / 2}): wall times are inflated, CPU times less so`);
  }
  lines.push(
    `runs: ${options.runs} of sendlast and the parse floor, ${options.jscodeshiftRuns} of jscodeshift (slow), ${options.startupRuns} of start-up;` +
      ` alternating; ${elapsedS.toFixed(0)} s in all`,
  );
  lines.push(
    `jscodeshift: --dry --silent --verbose=2 --no-babel, ${Math.max(cores - 1, 1)} worker process(es) (jscodeshift caps its workers at cores - 1;` +
      ` --cpus cannot raise it), one run per transform` +
      ` and per --parser group (${groups.map((g) => `${g.parser}: ${g.extensions.join(',')}`).join('; ')})`,
  );
  lines.push(`sendlast: --json --no-gitignore (jscodeshift reads no .gitignore either), dry run, all transforms`);
  lines.push(`build measured: a copy of dist/ taken at the start (${path.relative(repo, build)})`);
  lines.push('');
  lines.push(formatTable(all));
  lines.push('');
  const s = first.report.summary;
  lines.push(
    `sendlast report: scanned ${s.scanned}, changed ${s.changed}, unchanged ${s.unchanged}, findings ${s.findings}, errors ${s.errors};` +
      ` parse floor: ${floorReport.parsed} parsed, ${floorReport.failed.length} do not parse`,
  );
  if (jscodeshiftChanged) lines.push(`jscodeshift: ${jscodeshiftChanged.size} files changed (union), ${jscodeshiftErrors} ERR lines`);
  lines.push(`planted: ${changedPlanted.length} of ${expectedPlanted.length} expected files changed, ${wronglyChanged.length} negatives changed`);
  if (jscodeshiftId) {
    const speedUp = (id: string) => `${(wall(jscodeshiftId) / wall(id)).toFixed(1)}x`;
    lines.push(
      `ratio wall sendlast/jscodeshift: -j 1 ${ratio(wall('sendlast-j1'), wall(jscodeshiftId))}` +
        (cores > 1 ? `, -j ${cores} ${ratio(wall(best), wall(jscodeshiftId))}` : '') +
        ` (speed-up ${speedUp('sendlast-j1')}${cores > 1 ? ` and ${speedUp(best)}` : ''}; target at least 20x)`,
    );
  }
  lines.push(
    `ratio wall sendlast/parse floor: -j 1 ${ratio(wall('sendlast-j1'), wall('parse-floor'))}` +
      (cores > 1 ? `, -j ${cores} ${ratio(wall(best), wall('parse-floor'))}` : '') +
      ' (target below 1.0)',
  );
  if (cores > 1) lines.push(`scaling: -j ${cores} is ${(wall('sendlast-j1') / wall(best)).toFixed(2)}x the throughput of -j 1`);
  lines.push('');
  lines.push(failures.length ? `CORRECTNESS: ${failures.length} failure(s)` : 'correctness: OK (same changed files as jscodeshift, same report with 1 and N workers, planted files as expected)');
  for (const failure of failures) lines.push(`  - ${failure}`);
  process.stdout.write(lines.join('\n') + '\n');

  if (options.json) {
    const raw = all.map((c) => ({ id: c.id, label: c.label, files: c.files, ...summarize(c.measurements), runs: c.measurements.map(combine) }));
    fs.writeFileSync(options.json, JSON.stringify({ date: new Date().toISOString(), quick: options.quick, cases: raw, failures }, null, 2) + '\n');
  }
  return failures.length ? 1 : 0;
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
