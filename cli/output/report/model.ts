/**
 * The review report's data (plain: report-data.ts gathers it from a run) and what both renderers
 * ask of it: files in path order, transforms in canonical order, the totals, the summary sentence.
 */
import type { Mode } from '../../args';
import type { FileError } from '../../run/process-file';
import type { Summary } from '../render';
import { plural } from '../plural';

export interface ReportSite {
  transform: string;
  /** 1-based, in the original file. */
  line: number;
  column: number;
  message: string;
}

export interface ReportFinding extends ReportSite {
  /** The code around the finding (its line, one before and one after), from the original file. */
  context?: { firstLine: number; lines: readonly string[] };
}

export interface ReportFile {
  /** As shown (relative to the current directory). */
  path: string;
  /** The file, relative to the report's directory, URL-encoded. */
  link: string;
  status: 'changed' | 'unchanged' | 'error';
  /** Transforms that changed the file. */
  transforms: readonly string[];
  /** Unified diff hunks (from the first `@@`), when the file changes. */
  hunks?: string;
  sites: readonly ReportSite[];
  findings: readonly ReportFinding[];
  error?: FileError;
}

export interface ReportData {
  mode: Mode;
  /** The transforms that ran, in canonical order. */
  transforms: ReadonlyArray<{ name: string; description: string }>;
  summary: Summary;
  files: readonly ReportFile[];
}

export interface TransformTotals {
  name: string;
  description: string;
  files: number;
  sites: number;
  findings: number;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePositions(a: ReportSite, b: ReportSite): number {
  return a.line - b.line || a.column - b.column || compareStrings(a.message, b.message);
}

/** Files sorted by path (code unit order, as the runner sorts them). */
export function sortedFiles(data: ReportData): ReportFile[] {
  return [...data.files].sort((a, b) => compareStrings(a.path, b.path));
}

/** Transform names in canonical order, then any others alphabetically. */
export function orderTransforms(data: ReportData, names: Iterable<string>): string[] {
  const known = data.transforms.map((t) => t.name);
  const set = new Set(names);
  const extra = [...set].filter((name) => !known.includes(name)).sort(compareStrings);
  return [...known.filter((name) => set.has(name)), ...extra];
}

/** Items grouped by transform (canonical order), each group sorted by position. */
export function groupByTransform<T extends ReportSite>(data: ReportData, items: readonly T[]): Array<[string, T[]]> {
  return orderTransforms(
    data,
    items.map((item) => item.transform),
  ).map((name) => [name, items.filter((item) => item.transform === name).sort(comparePositions)]);
}

/** The transforms a file is about: those that change it or report on it. */
export function getFileTransforms(data: ReportData, file: ReportFile): string[] {
  return orderTransforms(data, [...file.transforms, ...file.sites.map((s) => s.transform), ...file.findings.map((f) => f.transform)]);
}

/** Files, sites and findings per transform, and the totals. */
export function getTotals(data: ReportData): { transforms: TransformTotals[]; files: number; sites: number; findings: number } {
  const files = data.files;
  const names = orderTransforms(data, [...data.transforms.map((t) => t.name), ...files.flatMap((file) => getFileTransforms(data, file))]);
  const transforms = names.map((name) => ({
    name,
    description: data.transforms.find((t) => t.name === name)?.description ?? '',
    files: files.filter((file) => getFileTransforms(data, file).includes(name)).length,
    sites: files.reduce((n, file) => n + file.sites.filter((s) => s.transform === name).length, 0),
    findings: files.reduce((n, file) => n + file.findings.filter((f) => f.transform === name).length, 0),
  }));
  return {
    transforms,
    files: files.filter((file) => getFileTransforms(data, file).length > 0).length,
    sites: transforms.reduce((n, t) => n + t.sites, 0),
    findings: transforms.reduce((n, t) => n + t.findings, 0),
  };
}

/** One sentence: what was scanned and what happened. */
export function getSummarySentence(data: ReportData): string {
  const s = data.summary;
  const verb = data.mode === 'write' ? 'changed' : 'would change';
  const what = data.mode === 'write' ? 'The changes were written.' : 'Dry run: nothing was written.';
  return (
    `${plural(s.scanned, 'file')} scanned: ${s.changed} ${verb}, ${s.unchanged} unchanged, ` +
    `${plural(s.findings, 'finding')} to check, ${plural(s.errors, 'error')}. ${what}`
  );
}

/** Diff lines without the `\r` of CRLF files (the report is for reading, not for `git apply`). */
export function diffLines(hunks: string): string[] {
  const lines = hunks.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.replace(/\r$/, ''));
}

/** Text for HTML (both renderers write some: Markdown's `<details>` summaries). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}
