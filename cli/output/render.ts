/**
 * Results -> text: unified diffs (coloured or plain), findings, errors, the summary line, the JSON
 * report and the patch. Pure: main.ts decides where each piece goes.
 */
import * as path from 'node:path';
import { createColors } from 'picocolors';
import type { FileResult, SkipReason } from '../run/process-file';
import type { Mode } from '../args';
import type { RunResult } from '../run/runner';
import type { BaselineEntry } from '../run/baseline';
import { plural } from './plural';

type Colors = ReturnType<typeof createColors>;

export interface Summary {
  scanned: number;
  changed: number;
  unchanged: number;
  findings: number;
  errors: number;
  skipped: number;
}

export function summarize(files: readonly FileResult[]): Summary {
  const summary: Summary = { scanned: 0, changed: 0, unchanged: 0, findings: 0, errors: 0, skipped: 0 };
  for (const file of files) {
    if (file.status === 'skipped') {
      summary.skipped += 1;
      continue;
    }
    summary.scanned += 1;
    if (file.status === 'error') summary.errors += 1;
    else summary[file.status] += 1;
    summary.findings += file.findings.length;
  }
  return summary;
}

/** A path for a `---`/`+++` line, C-quoted the way git does when it holds special characters. */
export function quotePatchPath(prefix: string, filePath: string): string {
  const full = prefix + filePath;
  if (!/["\\\x00-\x1f\x7f]/.test(full)) return full;
  const escaped = full.replace(/["\\\x00-\x1f\x7f]/g, (ch) => {
    const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
    return named[ch] ?? `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`;
  });
  return `"${escaped}"`;
}

/** `--- a/path`, `+++ b/path` and the hunks. */
export function renderFileDiff(filePath: string, hunks: string): string {
  return `--- ${quotePatchPath('a/', filePath)}\n+++ ${quotePatchPath('b/', filePath)}\n${hunks}`;
}

export function colorizeDiff(diff: string, c: Colors): string {
  if (!c.isColorSupported) return diff;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return c.bold(line);
      if (line.startsWith('@@')) return c.cyan(line);
      if (line.startsWith('+')) return c.green(line);
      if (line.startsWith('-')) return c.red(line);
      if (line.startsWith('\\')) return c.dim(line);
      return line;
    })
    .join('\n');
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

/**
 * `9 files scanned: 7 changed, 2 unchanged, 2 findings, 0 errors (412ms)`. Skipped files (binary,
 * too large, minified) are not scanned; when there are some, `, 1 skipped` follows, so that the
 * numbers add up to the files the progress bar counted.
 */
export function renderSummaryLine(summary: Summary, durationMs: number): string {
  return (
    `${plural(summary.scanned, 'file')} scanned: ${summary.changed} changed, ${summary.unchanged} unchanged, ` +
    `${plural(summary.findings, 'finding')}, ${plural(summary.errors, 'error')}` +
    `${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''} (${formatDuration(durationMs)})`
  );
}

/** `path:line:column: rule: message`. */
export function renderFinding(file: FileResult, finding: FileResult['findings'][number], c: Colors): string {
  return `${c.bold(file.path)}:${finding.line}:${finding.column}: ${c.yellow(finding.rule)}: ${finding.message}`;
}

/** `path:line:column: message` (or `path: message` without a position). */
export function renderError(file: FileResult, c: Colors): string {
  const error = file.error ?? { message: 'unknown error' };
  const where = error.line !== undefined ? `${file.path}:${error.line}:${error.column ?? 1}` : file.path;
  return `${c.bold(where)}: ${c.red(error.message)}`;
}

export interface TextOptions {
  mode: Mode;
  /** Colours in the report. */
  color: boolean;
  /** Colours in the diagnostics (they may go to another stream); default `color`. */
  diagnosticsColor?: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Print the diffs (false when they went to a patch file or with --write). */
  diffs: boolean;
  /** Where the patch went, for the closing line. */
  patch?: string;
  /** The baseline that was applied: findings it acknowledged, entries that matched nothing. */
  baseline?: BaselineSummary;
}

export interface BaselineSummary {
  /** As given on the command line. */
  file: string;
  acknowledged: number;
  stale: readonly BaselineEntry[];
  /** `--update-baseline`: the file was written with this many entries. */
  written?: number;
}

export interface TextOutput {
  /** Diffs (or written files) and findings. */
  report: string;
  /** Errors and --verbose notes: printed between the report and the summary. */
  diagnostics: string;
  /** The summary line and what it means (dry run, --check, baseline). */
  summary: string;
}

/**
 * Why `--check` fails, one line each: a file that would change, a finding not in the baseline.
 * Printed even with --quiet, so that a red CI run always says why.
 */
export function renderCheckFailures(result: RunResult, c: Colors): string[] {
  const lines: string[] = [];
  for (const file of result.files) {
    if (file.status === 'changed') lines.push(`${c.bold(file.path)}: would change (${file.transforms.join(', ')})`);
    for (const finding of file.findings) lines.push(renderFinding(file, finding, c));
  }
  return lines;
}

export function renderBaselineLines(baseline: BaselineSummary, c: Colors): string[] {
  const lines: string[] = [];
  if (baseline.written !== undefined) {
    lines.push(`Baseline ${baseline.file} written: ${plural(baseline.written, 'entry').replace(/entrys$/, 'entries')}.`);
    return lines;
  }
  if (baseline.acknowledged > 0) lines.push(`${plural(baseline.acknowledged, 'finding')} acknowledged by ${baseline.file}.`);
  if (baseline.stale.length > 0) {
    const count = baseline.stale.length;
    lines.push(
      c.yellow(`${baseline.file}: ${count} stale ${count === 1 ? 'entry matches' : 'entries match'} no finding any more (refresh with --update-baseline):`),
    );
    for (const entry of baseline.stale) {
      lines.push(`  ${entry.path}: ${entry.rule} ${entry.hash}${entry.count > 1 ? ` x${entry.count}` : ''}${entry.site ? ` (${entry.site})` : ''}`);
    }
  }
  return lines;
}

export function renderText(result: RunResult, options: TextOptions): TextOutput {
  const c = createColors(options.color);
  const d = createColors(options.diagnosticsColor ?? options.color);
  const report: string[] = [];
  const diagnostics: string[] = [];
  const summary = summarize(result.files);

  for (const file of result.files) {
    if (file.status === 'error') diagnostics.push(renderError(file, d));
  }
  if (result.interrupted) {
    diagnostics.push(
      options.mode === 'write'
        ? d.red(`interrupted: ${plural(result.written.length, 'file')} written, the others left unchanged`)
        : d.red('interrupted: nothing was written'),
    );
  }
  if (options.verbose) diagnostics.push(...renderVerboseNotes(result, options.mode, d));
  const failing = options.mode === 'check' && (summary.changed > 0 || summary.findings > 0);
  if (options.quiet) {
    const reasons = failing ? renderCheckFailures(result, c) : [];
    return { report: join(reasons), diagnostics: join(diagnostics), summary: '' };
  }

  if (options.mode === 'write') {
    const written = new Set(result.written);
    for (const file of result.files) {
      if (written.has(file.path)) report.push(`${c.green('fixed')} ${file.path} ${c.dim(`(${file.transforms.join(', ')})`)}`);
    }
  } else if (options.diffs) {
    const diffs = result.files.filter((file) => file.hunks !== undefined).map((file) => colorizeDiff(renderFileDiff(file.path, file.hunks ?? ''), c));
    if (diffs.length > 0) report.push(diffs.join('').replace(/\n$/, ''));
  }
  const findings = result.files.flatMap((file) => file.findings.map((finding) => renderFinding(file, finding, c)));
  if (findings.length > 0) {
    if (report.length > 0) report.push('');
    report.push(...findings);
  }
  const closing: string[] = [];
  if (report.length > 0) closing.push('');
  if (options.baseline) closing.push(...renderBaselineLines(options.baseline, c));
  closing.push(renderSummaryLine(summary, result.durationMs));
  if (options.patch !== undefined && options.patch !== '-') {
    closing.push(
      summary.changed > 0 ? `Patch written to ${options.patch}; apply it with: git apply ${options.patch}` : `No changes: ${options.patch} is empty.`,
    );
  } else if (options.mode === 'dry-run' && summary.changed > 0) {
    closing.push('Dry run: nothing was written. Run again with --write to apply these changes.');
  } else if (failing) {
    const acknowledged = options.baseline?.acknowledged ? ' (not in the baseline)' : '';
    closing.push(c.red(`--check: ${plural(summary.changed, 'file')} would change, ${plural(summary.findings, 'finding')} to review${acknowledged}.`));
  } else if (options.mode === 'write') {
    closing.push(`${plural(result.written.length, 'file')} written.`);
  }
  return { report: join(report), diagnostics: join(diagnostics), summary: join(closing) };
}

/** --verbose: skipped files with the reason, and where the time went. */
export function renderVerboseNotes(result: RunResult, mode: Mode, d: Colors): string[] {
  const notes: string[] = [];
  for (const note of result.notes) notes.push(d.dim(`skipped ${note.path}: ${note.reason}`));
  let skipped = 0;
  for (const file of result.files) {
    if (file.status !== 'skipped') continue;
    skipped += 1;
    notes.push(d.dim(`skipped ${file.path}: ${file.skipped ?? ''}`));
  }
  const { findMs, processMs, writeMs } = result.timings;
  const where = result.workers > 0 ? `on ${plural(result.workers, 'worker thread')}` : 'in the main thread';
  notes.push(
    d.dim(
      `found ${plural(result.files.length, 'file')} in ${formatDuration(findMs)}, ` +
        `processed ${where} in ${formatDuration(processMs)}` +
        (mode === 'write' ? `, wrote in ${formatDuration(writeMs)}` : '') +
        (skipped > 0 ? `; ${skipped} skipped` : ''),
    ),
  );
  return notes;
}

function join(lines: readonly string[]): string {
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The JSON report, version 1 (see README). */
export interface JsonReport {
  version: 1;
  files: Array<{
    path: string;
    status: 'changed' | 'unchanged' | 'error' | 'skipped';
    transforms: string[];
    diff?: string;
    /** Present exactly when status is `skipped`. */
    skipped?: { reason: SkipReason; message: string };
    findings: Array<{
      transform: string;
      rule: string;
      severity: 'warning' | 'info';
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
      message: string;
    }>;
    error?: { message: string; line?: number; column?: number };
  }>;
  summary: { scanned: number; changed: number; unchanged: number; findings: number; errors: number; skipped: number; durationMs: number };
  /** With --baseline: what it acknowledged and which entries matched nothing. */
  baseline?: { file: string; acknowledged: number; stale: BaselineEntry[] };
}

export function buildJsonReport(result: RunResult, baseline?: BaselineSummary): JsonReport {
  const summary = summarize(result.files);
  const files: JsonReport['files'] = [];
  for (const file of result.files) {
    if (file.status === 'unchanged' && file.findings.length === 0) continue;
    if (file.status === 'skipped') {
      // Every skipped result says why (process-file.ts); one that does not is a bug, not a reason.
      if (file.skipReason === undefined) throw new Error(`${file.path} was skipped without a reason`);
      files.push({ path: file.path, status: 'skipped', transforms: [], findings: [], skipped: { reason: file.skipReason, message: file.skipped ?? '' } });
      continue;
    }
    files.push({
      path: file.path,
      status: file.status,
      transforms: file.transforms,
      ...(file.hunks !== undefined ? { diff: renderFileDiff(file.path, file.hunks) } : {}),
      findings: file.findings.map(({ transform, rule, severity, line, column, endLine, endColumn, message }) => ({
        transform,
        rule,
        severity,
        line,
        column,
        endLine,
        endColumn,
        message,
      })),
      ...(file.error ? { error: file.error } : {}),
    });
  }
  return {
    version: 1,
    files,
    summary: {
      scanned: summary.scanned,
      changed: summary.changed,
      unchanged: summary.unchanged,
      findings: summary.findings,
      errors: summary.errors,
      skipped: summary.skipped,
      durationMs: Math.round(result.durationMs),
    },
    ...(baseline && baseline.written === undefined
      ? { baseline: { file: baseline.file, acknowledged: baseline.acknowledged, stale: baseline.stale.map((entry) => ({ ...entry })) } }
      : {}),
  };
}

export function renderJson(result: RunResult, baseline?: BaselineSummary): string {
  return `${JSON.stringify(buildJsonReport(result, baseline), null, 2)}\n`;
}

/**
 * Every change as one patch for `git apply`: paths relative to `result.patchBase` (the git root or
 * the current directory), each file's hunks in the file's own encoding so the context matches.
 */
export function renderPatch(result: RunResult): Buffer {
  const parts: Buffer[] = [];
  for (const file of result.files) {
    if (file.hunks === undefined) continue;
    const rel = path.relative(result.patchBase, file.file).split(path.sep).join('/');
    const header = `--- ${quotePatchPath('a/', rel)}\n+++ ${quotePatchPath('b/', rel)}\n`;
    parts.push(Buffer.from(header, 'utf8'), Buffer.from(file.hunks, file.encoding ?? 'utf8'));
  }
  return Buffer.concat(parts);
}

/** `--list`: each transform's name, description and the transform options it reads. */
export function renderTransformList(
  list: ReadonlyArray<{ name: string; description: string; options: ReadonlyArray<{ name: string }> }>,
  color: boolean,
): string {
  const c = createColors(color);
  const width = Math.max(...list.map((t) => t.name.length));
  const reads = (t: (typeof list)[number]) => (t.options.length > 0 ? ` (reads ${t.options.map((o) => `--${o.name}`).join(', ')})` : '');
  return `${list.map((t) => `${c.bold(t.name.padEnd(width))}  ${t.description}${reads(t)}`).join('\n')}\n`;
}

/**
 * One progress bar line (no newline), `width` columns at most. `total` counts every file found,
 * skipped ones included: the summary's scanned and skipped files. With the time spent so far, an
 * estimate of the time left (from the rate so far).
 */
export function renderProgress(done: number, total: number, width: number, elapsedMs?: number): string {
  let eta = '';
  if (elapsedMs !== undefined && done > 0 && done < total) {
    const left = Math.max(0, (elapsedMs / done) * (total - done));
    eta = `, ETA ${left < 60_000 ? `${Math.max(1, Math.round(left / 1000))}s` : `${Math.floor(left / 60_000)}m${String(Math.round((left % 60_000) / 1000)).padStart(2, '0')}s`}`;
  }
  const counter = ` ${done}/${total} files${eta}`;
  const barWidth = Math.max(10, Math.min(40, width - counter.length - 3));
  const filled = total > 0 ? Math.round((done / total) * barWidth) : barWidth;
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${counter}`;
}
