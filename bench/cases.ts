/**
 * Benchmark cases: commands run as their own process trees, several times, in alternating order,
 * and the table that summarises them (median and min-max of wall time, CPU time, peak RSS).
 */
import { getStats, measure, type Measurement, type Stats } from './measure';

/** One command (`node <args>`) of a case; a case made of several (jscodeshift per parser) sums them. */
export interface Step {
  args: string[];
  /** Exit codes that mean success. */
  okExitCodes: readonly number[];
  /** stdout must be one JSON document. */
  json?: boolean;
}

export interface Case {
  id: string;
  label: string;
  steps: Step[];
  runs: number;
  /** Files the case processes, for files/second (0: not applicable). */
  files: number;
  /** One entry per run, one measurement per step. */
  measurements: Measurement[][];
}

export interface RunFigures {
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
}

export interface Summary {
  wall: Stats;
  cpu: Stats;
  rss: Stats;
}

const ENV: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

/** Figures of one run of a case: its steps run one after another, so wall and CPU add up, RSS is the max. */
export function combine(steps: readonly Measurement[]): RunFigures {
  return {
    wallMs: steps.reduce((sum, m) => sum + m.wallMs, 0),
    cpuMs: steps.reduce((sum, m) => sum + m.cpuMs, 0),
    peakRssBytes: Math.max(...steps.map((m) => m.peakRssBytes)),
  };
}

export function summarize(runs: readonly Measurement[][]): Summary {
  const combined = runs.map(combine);
  return {
    wall: getStats(combined.map((r) => r.wallMs)),
    cpu: getStats(combined.map((r) => r.cpuMs)),
    rss: getStats(combined.map((r) => r.peakRssBytes)),
  };
}

/** Runs every step once (`node <args>` in `cwd`) and records the measurements; throws on a failed step. */
export async function runCase(benchCase: Case, cwd: string): Promise<void> {
  const results: Measurement[] = [];
  for (const step of benchCase.steps) {
    const m = await measure(process.execPath, step.args, { cwd, env: ENV });
    if (m.exitCode === null || !step.okExitCodes.includes(m.exitCode)) {
      throw new Error(`${benchCase.label}: \`node ${step.args.join(' ')}\` exited with ${m.exitCode ?? m.signal}\n${m.stderr.slice(-2000)}`);
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
export async function runAlternating(cases: readonly Case[], cwd: string, log: (message: string) => void): Promise<void> {
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

/** A case whose run i is run i of every part, one after another (for a total row). */
export function createTotalCase(id: string, label: string, parts: readonly Case[]): Case {
  const runs = Math.min(...parts.map((c) => c.measurements.length));
  return {
    id,
    label,
    steps: [],
    runs,
    files: parts[0]?.files ?? 0,
    measurements: Array.from({ length: runs }, (_, i) => parts.flatMap((c) => c.measurements[i]!)),
  };
}

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

/** A Markdown table: one row per case. */
export function formatTable(cases: readonly Case[]): string {
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
