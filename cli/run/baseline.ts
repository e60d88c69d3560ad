/**
 * The baseline: findings a person has reviewed and accepted, so that `--check` can go green while
 * they stay in the code, and goes red again on any new one.
 *
 * An entry is keyed by the file's path (relative to the baseline file's folder), the rule id and a
 * hash of the finding's site text (the source from line/column to endLine/endColumn, whitespace
 * runs collapsed to one space): it survives lines moving above or below it, and stops matching
 * when the code it points at changes. Identical sites in one file share an entry with a `count`.
 * Pure apart from reading and writing the file itself; the format is documented in the README
 * ("Baseline") and in schemas/baseline.schema.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';
import type { FileResult } from './process-file';
import type { RunResult } from './runner';
import type { KeyedFinding } from './site-key';

export const BASELINE_VERSION = 1;
/** The file `--update-baseline` writes when no `--baseline FILE` is given. */
export const DEFAULT_BASELINE_FILE = 'sendlast-baseline.json';

export interface BaselineEntry {
  /** Relative to the baseline file's folder, `/`-separated. */
  path: string;
  rule: string;
  /** First 16 hex digits of the SHA-256 of the normalised site text. */
  hash: string;
  /** How many findings in this file have this rule and hash. */
  count: number;
  /** The start of the normalised site text, for a person reading the file. */
  site: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const keyOf = (entry: Pick<BaselineEntry, 'path' | 'rule' | 'hash'>) => `${entry.path}\0${entry.rule}\0${entry.hash}`;

export function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return entries.sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.hash, b.hash));
}

/** The baseline as written: sorted, two-space indented, one trailing newline. */
export function renderBaseline(baseline: Baseline): string {
  const findings = sortEntries([...baseline.findings]).map(({ path: p, rule, hash, count, site }) => ({ path: p, rule, hash, count, site }));
  return `${JSON.stringify({ version: baseline.version, findings }, null, 2)}\n`;
}

/** Read and check a baseline file; a missing or malformed one is a usage error. */
export function readBaseline(file: string, shown: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`baseline ${shown} does not exist (create it with --update-baseline)`);
    throw new UsageError(`cannot read the baseline ${shown} (${code ?? String(error)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline ${shown} is not valid JSON (${(error as Error).message})`);
  }
  const problem = getBaselineProblem(data);
  if (problem) throw new UsageError(`baseline ${shown} is not a sendlast baseline: ${problem}`);
  return data as Baseline;
}

function getBaselineProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'expected an object';
  const record = data as Record<string, unknown>;
  if (record.version !== BASELINE_VERSION) return `unsupported version ${JSON.stringify(record.version)} (expected ${BASELINE_VERSION})`;
  if (!Array.isArray(record.findings)) return '"findings" must be an array';
  for (const [i, entry] of record.findings.entries()) {
    const e = entry as Record<string, unknown>;
    const ok =
      typeof e === 'object' &&
      e !== null &&
      typeof e.path === 'string' &&
      typeof e.rule === 'string' &&
      typeof e.hash === 'string' &&
      typeof e.count === 'number' &&
      Number.isInteger(e.count) &&
      e.count >= 1;
    if (!ok) return `findings[${i}] needs a path, a rule, a hash and a count of at least 1`;
  }
  return null;
}

/** A file of the run as the baseline names it: relative to the baseline's folder. */
function getBaselinePath(file: FileResult, cwd: string, baselineDir: string): string {
  return path.relative(baselineDir, path.resolve(cwd, file.path)).split(path.sep).join('/');
}

export interface BaselineOutcome {
  /** The run with the acknowledged findings taken out of each file. */
  result: RunResult;
  acknowledged: number;
  /** Entries that match nothing any more: the finding was fixed, or its code changed. */
  stale: BaselineEntry[];
}

/** Files whose findings the run knows: scanned without an error. */
function isKnown(file: FileResult): boolean {
  return file.status === 'changed' || file.status === 'unchanged';
}

/**
 * Take the findings the baseline acknowledges out of the run. An entry is stale when its file was
 * scanned and has fewer such findings than its count, or when its file no longer exists.
 */
export function applyBaseline(result: RunResult, baseline: Baseline, baselineFile: string, cwd: string): BaselineOutcome {
  const baselineDir = path.dirname(baselineFile);
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(keyOf(entry), (remaining.get(keyOf(entry)) ?? 0) + entry.count);
  let acknowledged = 0;
  const scanned = new Set<string>();
  const files = result.files.map((file) => {
    const filePath = getBaselinePath(file, cwd, baselineDir);
    if (isKnown(file)) scanned.add(filePath);
    if (file.findings.length === 0) return file;
    const findings = (file.findings as KeyedFinding[]).filter((finding) => {
      if (finding.hash === undefined) return true;
      const key = keyOf({ path: filePath, rule: finding.rule, hash: finding.hash });
      const left = remaining.get(key) ?? 0;
      if (left === 0) return true;
      remaining.set(key, left - 1);
      acknowledged += 1;
      return false;
    });
    return findings.length === file.findings.length ? file : { ...file, findings };
  });
  const stale: BaselineEntry[] = [];
  const seen = new Set<string>();
  for (const entry of baseline.findings) {
    const key = keyOf(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    const left = remaining.get(key) ?? 0;
    if (left === 0) continue;
    const gone = !fs.existsSync(path.resolve(baselineDir, entry.path));
    if (gone || scanned.has(entry.path)) stale.push({ ...entry, count: left });
  }
  return { result: { ...result, files }, acknowledged, stale: sortEntries(stale) };
}

/**
 * The baseline that acknowledges every finding of the run. Entries of files the run did not scan
 * (outside the given paths, or that failed to parse) are kept from `previous` while the file
 * exists, so that a partial run or a broken file does not drop what was accepted.
 */
export function createBaseline(result: RunResult, baselineFile: string, cwd: string, previous: Baseline | null): Baseline {
  const baselineDir = path.dirname(baselineFile);
  const entries = new Map<string, BaselineEntry>();
  const scanned = new Set<string>();
  for (const file of result.files) {
    if (!isKnown(file)) continue;
    const filePath = getBaselinePath(file, cwd, baselineDir);
    scanned.add(filePath);
    for (const finding of file.findings as KeyedFinding[]) {
      if (finding.hash === undefined) continue;
      const entry = { path: filePath, rule: finding.rule, hash: finding.hash, count: 1, site: finding.site ?? '' };
      const existing = entries.get(keyOf(entry));
      if (existing) existing.count += 1;
      else entries.set(keyOf(entry), entry);
    }
  }
  for (const entry of previous?.findings ?? []) {
    if (scanned.has(entry.path) || entries.has(keyOf(entry))) continue;
    if (!fs.existsSync(path.resolve(baselineDir, entry.path))) continue;
    entries.set(keyOf(entry), { ...entry, site: entry.site ?? '' });
  }
  return { version: BASELINE_VERSION, findings: sortEntries([...entries.values()]) };
}
