/**
 * Checks one rewrite by execution: the original and the rewritten program run under the same
 * world, for every target (entry point and request) and every schedule (in order, reverse,
 * interleaved, and each single rejection of a work item either version starts), and their traces
 * are compared (relation.ts). A failure report holds the program, the schedule, both traces and
 * the first divergence.
 */
import { applyTransforms, readTransformOptions, type ModuleLoader, type RawTransformOptions, type Site } from '../../transforms';
import { compareTraces, firstDifference, formatTrace, isPreexisting, type Divergence, type FindingRange } from './relation';
import { findTargets, findUnknownGlobals, NotExecutableError, runOnce, type ProgramRun, type Target, type Trace } from './run';
import { BASE_SCHEDULES, rejecting, type Schedule } from './scheduler';

export interface RewriteCase {
  name: string;
  original: ProgramRun;
  rewritten: ProgramRun;
  findings: readonly FindingRange[];
  /** The rules the rewrite exercised: finding rules and rewrite forms (see `rewriteForm`). */
  rules: readonly string[];
}

export interface Failure {
  target: Target;
  schedule: string;
  divergence: Divergence;
  all: Divergence[];
  /**
   * Every divergence of this run is not caused by the rewrite: the original has it against itself,
   * or it is work started by lines the rewrite kept as they were (not fixed, not caused).
   */
  preexisting: boolean;
  original: Trace;
  rewritten: Trace;
}

export type CheckResult =
  | { executable: false; name: string; reason: string }
  | { executable: true; name: string; runs: number; failures: Failure[]; notes: string[]; opaque: string[] };

/** Rewrite `source` with every transform (or the given ones) and return the case to check. */
export function rewriteCase(
  name: string,
  source: string,
  path: string,
  options: { transforms?: readonly string[]; options?: RawTransformOptions; modules?: ModuleLoader } = {},
): RewriteCase {
  const result = applyTransforms(source, {
    path,
    transforms: options.transforms,
    transformOptions: readTransformOptions(options.options ?? {}),
    modules: options.modules,
  });
  return {
    name,
    original: { source, path },
    rewritten: { source: result.output, path },
    findings: [...result.findings.map((f) => ({ line: f.line, endLine: f.endLine, message: f.message })), ...findDisabledLines(source)],
    rules: [...new Set([...result.findings.map((f) => f.rule), ...result.sites.map((site) => rewriteForm(site, source))])],
  };
}

/**
 * The form of a rewrite site, as a rule id: `<transform>/rewrite: <message>`, with quoted source
 * left out of the message, and ` [return]` when the rewritten statement is a `return` (the
 * messages of a return rewrite and a concise-body rewrite can be the same).
 */
export function rewriteForm(site: Site, source: string): string {
  const line = source.split(/\r?\n/)[site.line - 1] ?? '';
  const atReturn = /^return\b/.test(line.slice(site.column - 1));
  return `${site.transform}/rewrite: ${site.message.replace(/`[^`]*`/g, '`…`')}${atReturn ? ' [return]' : ''}`;
}

/**
 * Lines after a `sendlast-disable-next-line` comment: the author asked to leave them alone, which
 * counts like a finding on that line.
 */
export function findDisabledLines(source: string): FindingRange[] {
  const ranges: FindingRange[] = [];
  source.split(/\r?\n/).forEach((text, index) => {
    if (/sendlast-disable-next-line/.test(text)) ranges.push({ line: index + 2, endLine: index + 2, message: 'disabled by a comment' });
  });
  return ranges;
}

function describeTarget(t: Target): string {
  return `${t.entryName} (${t.kind}) ${t.method} ${t.path}${t.expressMajor === 5 ? ' [Express 5 router]' : ''}`;
}

export async function checkRewrite(c: RewriteCase, options: { maxRejections?: number } = {}): Promise<CheckResult> {
  let targets: Target[];
  try {
    targets = findTargets(c.original);
    const rewrittenTargets = findTargets(c.rewritten);
    if (rewrittenTargets.length !== targets.length) {
      return { executable: false, name: c.name, reason: `the rewritten program has ${rewrittenTargets.length} targets, the original ${targets.length}` };
    }
  } catch (error) {
    if (error instanceof NotExecutableError) return { executable: false, name: c.name, reason: error.message };
    throw error;
  }
  try {
    return await checkTargets(c, targets, options);
  } catch (error) {
    if (error instanceof NotExecutableError) return { executable: false, name: c.name, reason: error.message };
    throw error;
  }
}

async function checkTargets(c: RewriteCase, targets: Target[], options: { maxRejections?: number }): Promise<CheckResult> {
  const failures: Failure[] = [];
  const notes: string[] = [];
  const kept = findKeptLines(c.original.source, c.rewritten.source);
  const traces: Trace[] = [];
  let runs = 0;
  for (const target of targets) {
    const schedules: { schedule: Schedule; rejects: string | null }[] = BASE_SCHEDULES.map((s) => ({ schedule: s, rejects: null }));
    const base: [Trace, Trace] = [await runOnce(c.original, target, BASE_SCHEDULES[0]!), await runOnce(c.rewritten, target, BASE_SCHEDULES[0]!)];
    traces.push(...base);
    const keys = new Set<string>();
    for (const trace of base) for (const e of trace.events) if (e.kind === 'start') keys.add(e.key);
    for (const key of [...keys].slice(0, options.maxRejections ?? 12)) {
      const hash = key.lastIndexOf('#');
      schedules.push({ schedule: rejecting({ label: key.slice(0, hash), occurrence: Number(key.slice(hash + 1)) }), rejects: key });
    }
    for (const { schedule, rejects } of schedules) {
      const [original, rewritten] =
        schedule === BASE_SCHEDULES[0] ? base : [await runOnce(c.original, target, schedule), await runOnce(c.rewritten, target, schedule)];
      runs += 1;
      const comparison = compareTraces(original, rewritten, c.findings, rejects, kept);
      notes.push(...comparison.notes.map((n) => `${describeTarget(target)} / ${schedule.name}: ${n}`));
      const regressions = comparison.divergences.filter(
        (d) => !isPreexisting(d, original, c.findings, rejects) && !isUntouchedWork(d, original, kept) && !isUntouchedCrash(d, original, kept, rejects),
      );
      const first = regressions[0] ?? comparison.divergences[0];
      if (first) {
        failures.push({
          target,
          schedule: schedule.name,
          divergence: first,
          all: comparison.divergences,
          preexisting: regressions.length === 0,
          original,
          rewritten,
        });
      }
    }
  }
  // Regressions first: the first failure is the one to show.
  failures.sort((a, b) => Number(a.preexisting) - Number(b.preexisting));
  const standIns = traces.flatMap((t) => t.opaque);
  const opaque = [...new Set([...findUnknownGlobals(c.original), ...findUnknownGlobals(c.rewritten), ...standIns])].sort();
  return { executable: true, name: c.name, runs, failures, notes: [...new Set(notes)], opaque };
}

/** 1-based lines of `original` that `rewritten` keeps in place (a longest common subsequence of lines). */
export function findKeptLines(original: string, rewritten: string): Set<number> {
  const a = original.split(/\r?\n/);
  const b = rewritten.split(/\r?\n/);
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const kept = new Set<number>();
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      kept.add(i + 1);
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/**
 * Work left after the rewritten response that was started by statements the rewrite kept as they
 * were (every line on the stack that started it is unchanged): a floating promise the transforms
 * do not claim to handle. Not fixed, not caused by the rewrite.
 */
function isUntouchedWork(d: Divergence, original: Trace, kept: ReadonlySet<number>): boolean {
  if (d.rule !== 'work-after-response') return false;
  const start = original.events.find((e) => e.kind === 'start' && e.key === d.subject);
  return !!start && start.kind === 'start' && start.lines.length > 0 && start.lines.every((line) => kept.has(line));
}

/**
 * Under a rejecting schedule, the original's only answer was the platform's crash response to
 * the failure of work started by lines the rewrite kept as they were (a floating promise): the
 * rewritten handler answering before that crash is not caused by the rewrite.
 */
function isUntouchedCrash(d: Divergence, original: Trace, kept: ReadonlySet<number>, rejects: string | null): boolean {
  if (d.rule !== 'response-changed' && d.rule !== 'error-became-success') return false;
  if (rejects === null) return false;
  const responseAt = original.events.findIndex((e) => e.kind === 'response');
  const crash = original.events[responseAt - 1];
  if (!crash || (crash.kind !== 'uncaught' && crash.kind !== 'unhandled-rejection')) return false;
  return isUntouchedWork({ rule: 'work-after-response', subject: rejects, message: '' }, original, kept);
}

/** A readable report of a failure: the program, the schedule, both traces, the first divergence. */
export function formatFailure(c: RewriteCase, f: Failure): string {
  const at = firstDifference(f.original, f.rewritten);
  return [
    `${c.name}: ${f.divergence.rule}: ${f.divergence.message}${f.preexisting ? ' (the original has it too: not fixed)' : ''}`,
    `  target: ${describeTarget(f.target)}`,
    `  schedule: ${f.schedule}`,
    ...(f.all.length > 1
      ? [
          `  also: ${f.all
            .slice(1)
            .map((d) => d.rule)
            .join(', ')}`,
        ]
      : []),
    `  first differing event: #${at}`,
    '  original program:',
    indent(c.original.source),
    '  rewritten program:',
    indent(c.rewritten.source),
    '  original trace:',
    formatTrace(f.original),
    '  rewritten trace:',
    formatTrace(f.rewritten),
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l, i) => `    ${String(i + 1).padStart(3)} | ${l}`)
    .join('\n');
}
