/**
 * The review report of `--report FILE`, rendered from plain data (report-data.ts gathers it):
 * Markdown for a pull request (a summary table, then per file the diff and the findings as a
 * checklist, grouped by transform) and HTML (one self-contained page: inline CSS and script, no
 * network request, unified or side-by-side diffs, a filter by transform). Pure and deterministic:
 * no clock, no environment, files sorted by path; line numbers are those of the files before the
 * changes, as everywhere in sendlast.
 */
import type { Mode } from '../args';
import type { FileError } from '../run/process-file';
import type { Summary } from './render';

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

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Files sorted by path (code unit order, as the runner sorts them). */
function sortedFiles(data: ReportData): ReportFile[] {
  return [...data.files].sort((a, b) => compareStrings(a.path, b.path));
}

/** Transform names in canonical order, then any others alphabetically. */
function orderTransforms(data: ReportData, names: Iterable<string>): string[] {
  const known = data.transforms.map((t) => t.name);
  const set = new Set(names);
  const extra = [...set].filter((name) => !known.includes(name)).sort(compareStrings);
  return [...known.filter((name) => set.has(name)), ...extra];
}

/** Items grouped by transform (canonical order), each group sorted by position. */
function groupByTransform<T extends ReportSite>(data: ReportData, items: readonly T[]): Array<[string, T[]]> {
  return orderTransforms(
    data,
    items.map((item) => item.transform),
  ).map((name) => [name, items.filter((item) => item.transform === name).sort(comparePositions)]);
}

/** The transforms a file is about: those that change it or report on it. */
function getFileTransforms(data: ReportData, file: ReportFile): string[] {
  return orderTransforms(data, [...file.transforms, ...file.sites.map((s) => s.transform), ...file.findings.map((f) => f.transform)]);
}

/** Files, sites and findings per transform, and the totals. */
export function getTotals(data: ReportData): { transforms: TransformTotals[]; files: number; sites: number; findings: number } {
  const files = data.files;
  const names = orderTransforms(data, [
    ...data.transforms.map((t) => t.name),
    ...files.flatMap((file) => getFileTransforms(data, file)),
  ]);
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
  const what =
    data.mode === 'write' ? 'The changes were written.' : 'Dry run: nothing was written.';
  return (
    `${plural(s.scanned, 'file')} scanned: ${s.changed} ${verb}, ${s.unchanged} unchanged, ` +
    `${plural(s.findings, 'finding')} to check, ${plural(s.errors, 'error')}. ${what}`
  );
}

/** Diff lines without the `\r` of CRLF files (the report is for reading, not for `git apply`). */
function diffLines(hunks: string): string[] {
  const lines = hunks.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.replace(/\r$/, ''));
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Backslash-escape what Markdown would read as formatting or HTML inside a line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<|~]/g, '\\$&');
}

/** `code` with enough backticks around it. */
function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function markdownLink(file: ReportFile, item: ReportSite): string {
  return `[${inlineCode(`${file.path}:${item.line}`)}](${file.link}#L${item.line})`;
}

/** GitHub refuses comments and descriptions over 65,536 characters: past this, the report is summarised. */
export const MARKDOWN_MAX_LENGTH = 60_000;

export interface MarkdownOptions {
  /** Summarise (no diffs, then fewer files) past this many characters. */
  maxLength?: number;
}

/** How much of each file the Markdown shows. */
type MarkdownDetail = 'full' | 'no-diffs';

/** One file: a `<details>` block (open when it has findings to check), its sites, diff and findings. */
function renderMarkdownFile(data: ReportData, file: ReportFile, detail: MarkdownDetail): string[] {
  const out: string[] = [];
  const counts = [
    ...(file.sites.length > 0 ? [plural(file.sites.length, 'change')] : file.status === 'changed' ? ['changed'] : []),
    ...(file.findings.length > 0 ? [`${plural(file.findings.length, 'finding')} to check`] : []),
  ];
  out.push(`<details${file.findings.length > 0 ? ' open' : ''}>`, `<summary><code>${escapeHtml(file.path)}</code>: ${counts.join(', ')}</summary>`, '');
  if (file.sites.length > 0) {
    out.push(`${plural(file.sites.length, 'change')}:`, '');
    for (const [name, sites] of groupByTransform(data, file.sites)) {
      out.push(`- ${inlineCode(name)}`);
      for (const site of sites) out.push(`  - ${markdownLink(file, site)} ${escapeMarkdown(site.message)}`);
    }
    out.push('');
  }
  if (file.hunks !== undefined && detail === 'full') {
    const body = [`--- a/${file.path}`, `+++ b/${file.path}`, ...diffLines(file.hunks)].join('\n');
    const fence = fenceFor(body);
    out.push(`${fence}diff`, body, fence, '');
  }
  if (file.findings.length > 0) {
    out.push(`${plural(file.findings.length, 'finding')} to check:`, '');
    for (const [name, findings] of groupByTransform(data, file.findings)) {
      out.push(`- ${inlineCode(name)}`);
      for (const finding of findings) {
        out.push(`  - [ ] ${markdownLink(file, finding)} ${escapeMarkdown(finding.message)}`);
        if (finding.context && detail === 'full') {
          const body = finding.context.lines.join('\n');
          const fence = fenceFor(body);
          out.push('', `    ${fence}${getFenceLanguage(file.path)}`, ...finding.context.lines.map((line) => (line === '' ? '' : `    ${line}`)), `    ${fence}`, '');
        }
      }
    }
    if (out[out.length - 1] !== '') out.push('');
  }
  out.push('</details>', '');
  return out;
}

/** The info string of a code block for this file (syntax highlighting on GitHub). */
function getFenceLanguage(filePath: string): string {
  return /\.[cm]?tsx?$/i.test(filePath) ? 'ts' : 'js';
}

function renderMarkdown(data: ReportData, detail: MarkdownDetail, fileLimit: number, max: number): string {
  const out: string[] = [];
  const totals = getTotals(data);
  out.push('# sendlast review', '');
  out.push(getSummarySentence(data) + ' Line numbers refer to the files before the changes.', '');
  out.push('| Transform | Files | Sites | Findings | What it does |', '| --- | ---: | ---: | ---: | --- |');
  for (const t of totals.transforms) {
    out.push(`| ${inlineCode(t.name)} | ${t.files} | ${t.sites} | ${t.findings} | ${escapeMarkdown(t.description)} |`);
  }
  out.push(`| **Total** | **${totals.files}** | **${totals.sites}** | **${totals.findings}** | |`, '');

  const files = sortedFiles(data).filter((file) => file.status !== 'error');
  if (files.length === 0) out.push('Nothing to review: no file changes and there are no findings.', '');
  if (detail !== 'full' || fileLimit < files.length) {
    const left = files.length - Math.min(fileLimit, files.length);
    out.push(
      `> This report is summarised to stay under ${max.toLocaleString('en-US')} characters: ` +
        `${detail === 'full' ? 'diffs shown' : 'no diffs'}${left > 0 ? `, ${plural(left, 'file')} left out` : ''}. ` +
        'Run sendlast with `--report review.html` (or without `--report`) for everything.',
      '',
    );
  }
  for (const file of files.slice(0, fileLimit)) out.push(...renderMarkdownFile(data, file, detail));

  const errors = sortedFiles(data).filter((file) => file.status === 'error');
  if (errors.length > 0) {
    out.push('## Errors', '');
    for (const file of errors) {
      const error = file.error ?? { message: 'unknown error' };
      const where = error.line !== undefined ? `${file.path}:${error.line}:${error.column ?? 1}` : file.path;
      out.push(`- [${inlineCode(where)}](${file.link}${error.line !== undefined ? `#L${error.line}` : ''}) ${escapeMarkdown(error.message)}`);
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * The Markdown report. Past `maxLength` characters (default 60,000: a pull request comment holds
 * 65,536), the diffs are left out; if that is not enough, the last files too, and a note says so.
 */
export function renderMarkdownReport(data: ReportData, options: MarkdownOptions = {}): string {
  const max = options.maxLength ?? MARKDOWN_MAX_LENGTH;
  const count = data.files.length;
  const full = renderMarkdown(data, 'full', count, max);
  if (full.length <= max) return full;
  let low = 0;
  let high = count;
  if (renderMarkdown(data, 'no-diffs', count, max).length <= max) return renderMarkdown(data, 'no-diffs', count, max);
  // The most files without diffs that fit (binary search: the length grows with the files).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (renderMarkdown(data, 'no-diffs', mid, max).length <= max) low = mid;
    else high = mid - 1;
  }
  return renderMarkdown(data, 'no-diffs', low, max);
}

// ---------------------------------------------------------------------------------------------
// HTML

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

interface DiffRow {
  kind: 'hunk' | 'context' | 'del' | 'add' | 'note';
  text: string;
  old?: number;
  new?: number;
}

/** Unified diff hunks -> rows with line numbers. */
export function parseHunks(hunks: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = 0;
  let newLine = 0;
  let started = false;
  for (const line of diffLines(hunks)) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      started = true;
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      rows.push({ kind: 'hunk', text: line });
      continue;
    }
    if (!started) continue;
    const body = line.slice(1);
    if (line.startsWith('+')) rows.push({ kind: 'add', text: body, new: newLine++ });
    else if (line.startsWith('-')) rows.push({ kind: 'del', text: body, old: oldLine++ });
    else if (line.startsWith('\\')) rows.push({ kind: 'note', text: line });
    else rows.push({ kind: 'context', text: body, old: oldLine++, new: newLine++ });
  }
  return rows;
}

/**
 * The two lines of a changed pair, HTML-escaped, with the words that differ in <mark>; plain
 * escaped text when the lines have little in common (a highlight would then only be noise).
 */
function highlightPair(before: string, after: string): [string, string] {
  const { diffWordsWithSpace } = require('diff') as typeof import('diff');
  const parts = diffWordsWithSpace(before, after);
  const common = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.trim().length, 0);
  if (common < Math.min(before.trim().length, after.trim().length) * 0.4) return [escapeHtml(before), escapeHtml(after)];
  let left = '';
  let right = '';
  for (const part of parts) {
    const text = escapeHtml(part.value);
    if (part.removed) left += `<mark>${text}</mark>`;
    else if (part.added) right += `<mark>${text}</mark>`;
    else {
      left += text;
      right += text;
    }
  }
  return [left, right];
}

/** Rows with each run of deletions paired with the following run of additions. */
interface Block {
  kind: 'hunk' | 'context' | 'note' | 'change';
  rows: DiffRow[];
  dels: Array<{ row: DiffRow; html: string }>;
  adds: Array<{ row: DiffRow; html: string }>;
}

function toBlocks(rows: readonly DiffRow[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < rows.length) {
    const row = rows[i]!;
    if (row.kind !== 'del' && row.kind !== 'add') {
      blocks.push({ kind: row.kind, rows: [row], dels: [], adds: [] });
      i += 1;
      continue;
    }
    const dels: DiffRow[] = [];
    const adds: DiffRow[] = [];
    while (rows[i]?.kind === 'del') dels.push(rows[i++]!);
    while (rows[i]?.kind === 'add') adds.push(rows[i++]!);
    const block: Block = {
      kind: 'change',
      rows: [],
      dels: dels.map((r) => ({ row: r, html: escapeHtml(r.text) })),
      adds: adds.map((r) => ({ row: r, html: escapeHtml(r.text) })),
    };
    for (let k = 0; k < Math.min(dels.length, adds.length); k++) {
      const [left, right] = highlightPair(dels[k]!.text, adds[k]!.text);
      block.dels[k]!.html = left;
      block.adds[k]!.html = right;
    }
    blocks.push(block);
  }
  return blocks;
}

const num = (n: number | undefined) => `<td class="num">${n ?? ''}</td>`;

/** A hunk of a file's diff in the HTML: its anchor and the transforms whose sites it holds. */
interface HunkInfo {
  id: string;
  transforms: readonly string[];
}

/** Blocks split at each hunk header (the header starts its group). */
function groupByHunk(blocks: readonly Block[]): Block[][] {
  const groups: Block[][] = [];
  for (const block of blocks) {
    if (block.kind === 'hunk' || groups.length === 0) groups.push([]);
    groups[groups.length - 1]!.push(block);
  }
  return groups;
}

/** `<tbody>` of one hunk: the filter hides it when none of its transforms is selected. */
function openHunk(hunk: HunkInfo | undefined, suffix: string): string {
  if (!hunk) return '<tbody>';
  return `<tbody id="${escapeHtml(hunk.id + suffix)}" data-transforms="${escapeHtml(hunk.transforms.join(' '))}">`;
}

function renderUnified(blocks: readonly Block[], hunks: readonly HunkInfo[] = []): string {
  const rows: string[] = [];
  groupByHunk(blocks).forEach((group, index) => {
    rows.push(openHunk(hunks[index], ''));
    for (const block of group) {
      if (block.kind === 'change') {
        for (const d of block.dels) rows.push(`<tr class="del">${num(d.row.old)}${num(undefined)}<td class="code"><span class="sign">-</span>${d.html}</td></tr>`);
        for (const a of block.adds) rows.push(`<tr class="add">${num(undefined)}${num(a.row.new)}<td class="code"><span class="sign">+</span>${a.html}</td></tr>`);
        continue;
      }
      const row = block.rows[0]!;
      if (row.kind === 'hunk' || row.kind === 'note') {
        rows.push(`<tr class="${row.kind}"><td class="num"></td><td class="num"></td><td class="code">${escapeHtml(row.text)}</td></tr>`);
      } else {
        rows.push(`<tr class="context">${num(row.old)}${num(row.new)}<td class="code"><span class="sign"> </span>${escapeHtml(row.text)}</td></tr>`);
      }
    }
    rows.push('</tbody>');
  });
  return `<table class="diff unified"><colgroup><col class="num"><col class="num"><col></colgroup>${rows.join('')}</table>`;
}

function renderSplit(blocks: readonly Block[], hunks: readonly HunkInfo[] = []): string {
  const rows: string[] = [];
  const empty = '<td class="num empty"></td><td class="code empty"></td>';
  groupByHunk(blocks).forEach((group, index) => {
    rows.push(openHunk(hunks[index], '-split'));
    for (const block of group) {
      if (block.kind === 'change') {
        for (let k = 0; k < Math.max(block.dels.length, block.adds.length); k++) {
          const d = block.dels[k];
          const a = block.adds[k];
          const left = d ? `${num(d.row.old)}<td class="code del">${d.html}</td>` : empty;
          const right = a ? `${num(a.row.new)}<td class="code add">${a.html}</td>` : empty;
          rows.push(`<tr>${left}${right}</tr>`);
        }
        continue;
      }
      const row = block.rows[0]!;
      if (row.kind === 'hunk' || row.kind === 'note') {
        rows.push(`<tr class="${row.kind}"><td class="code" colspan="4">${escapeHtml(row.text)}</td></tr>`);
      } else {
        const text = escapeHtml(row.text);
        rows.push(`<tr class="context">${num(row.old)}<td class="code">${text}</td>${num(row.new)}<td class="code">${text}</td></tr>`);
      }
    }
    rows.push('</tbody>');
  });
  return `<table class="diff split"><colgroup><col class="num"><col class="half"><col class="num"><col class="half"></colgroup>${rows.join('')}</table>`;
}

/** Old-file line ranges of the hunks, in order. */
function getHunkRanges(hunks: string): Array<{ start: number; end: number }> {
  return [...hunks.matchAll(/^@@ -(\d+)(?:,(\d+))? /gm)].map((m) => {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    return { start, end: start + Math.max(count, 1) - 1 };
  });
}

/** The hunk a site falls in (its line inside the hunk's old range, else the nearest hunk); -1 without hunks. */
function findHunkIndex(ranges: ReadonlyArray<{ start: number; end: number }>, line: number): number {
  let best = -1;
  let bestDistance = Infinity;
  ranges.forEach((range, index) => {
    const distance = line < range.start ? range.start - line : line > range.end ? line - range.end : 0;
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

const STYLE = `
:root { --bg: #f6f8fa; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #fff;
  --add: #dafbe1; --add-mark: #aceebb; --del: #ffebe9; --del-mark: #ffcecb; --hunk: #ddf4ff; --accent: #0969da;
  --t0: #8250df; --t1: #bf3989; --t2: #1a7f37; --t3: #9a6700; --t4: #0969da; --t5: #cf222e; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header.top { background: var(--card); border-bottom: 1px solid var(--line); padding: 20px 32px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h1 .tool { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.lead { color: var(--muted); margin: 0 0 16px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; min-width: 110px; }
.card b { display: block; font-size: 24px; line-height: 1.2; }
.card span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
table.totals { border-collapse: collapse; margin-bottom: 16px; background: var(--card); }
table.totals th, table.totals td { border: 1px solid var(--line); padding: 4px 12px; text-align: left; }
table.totals td.n, table.totals th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.totals tfoot td { font-weight: 600; }
.controls { display: flex; gap: 24px; flex-wrap: wrap; align-items: center; position: sticky; top: 0; z-index: 2;
  background: var(--card); border-bottom: 1px solid var(--line); padding: 10px 32px; }
.controls .group { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.controls .label { font-weight: 600; }
.controls label { cursor: pointer; user-select: none; white-space: nowrap; }
.controls .shown { color: var(--muted); margin-left: auto; }
main { padding: 16px 32px 48px; }
nav.files { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin-bottom: 16px; }
nav.files ol { margin: 0; padding-left: 20px; columns: 2; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
section.file { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 20px; overflow: hidden; }
section.file > h2 { font-size: 15px; margin: 0; padding: 10px 16px; background: var(--bg); border-bottom: 1px solid var(--line);
  display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.badge { display: inline-block; white-space: nowrap; border-radius: 999px; padding: 0 8px; font-size: 12px; font-weight: 500; color: #fff;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.t0 { background: var(--t0); } .t1 { background: var(--t1); } .t2 { background: var(--t2); }
.t3 { background: var(--t3); } .t4 { background: var(--t4); } .t5 { background: var(--t5); }
.items { list-style: none; margin: 0; padding: 8px 16px; border-bottom: 1px solid var(--line); }
.items li { padding: 2px 0; }
.items .where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; color: var(--muted); margin-right: 6px; }
.items.findings { background: #fff8c5; }
.items.findings .title { font-weight: 600; }
.items.errors { background: var(--del); }
.diffs { overflow-x: auto; }
table.diff { width: 100%; border-collapse: collapse; table-layout: fixed;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; line-height: 20px; tab-size: 4; }
table.diff col.num { width: 48px; }
table.diff td { padding: 0 8px; vertical-align: top; }
table.diff td.num { color: var(--muted); text-align: right; user-select: none; border-right: 1px solid var(--line); }
table.diff td.code { white-space: pre-wrap; overflow-wrap: anywhere; }
table.diff .sign { user-select: none; color: var(--muted); display: inline-block; width: 1.2em; }
table.diff tr.hunk td { background: var(--hunk); color: var(--muted); }
table.diff tr.note td { color: var(--muted); font-style: italic; }
table.diff tr.add td, table.diff td.add { background: var(--add); }
table.diff tr.del td, table.diff td.del { background: var(--del); }
table.diff tr.add mark, table.diff td.add mark { background: var(--add-mark); color: inherit; }
table.diff tr.del mark, table.diff td.del mark { background: var(--del-mark); color: inherit; }
table.diff td.empty { background: var(--bg); }
table.diff.context { margin: 4px 0 6px; background: var(--card); border: 1px solid var(--line); }
table.diff.context tr.here td.code { background: #fff8c5; font-weight: 600; }
body.view-unified table.diff.split, body.view-split table.diff.unified { display: none; }
footer { color: var(--muted); padding: 0 32px 32px; font-size: 12px; }
/* Printed, often in black and white: no backgrounds; removed lines struck through with a dotted
   rule, added lines bold with a solid rule, the +/- signs kept; always the unified view. */
@media print {
  :root { --bg: #fff; --card: #fff; --line: #000; --muted: #000; }
  body { font-size: 11px; color: #000; background: #fff; }
  .controls, nav.files, footer { display: none !important; }
  header.top { padding: 0 0 8px; border: 0; }
  main { padding: 0; }
  section.file { border: 1px solid #000; border-radius: 0; break-inside: auto; }
  section.file > h2 { break-after: avoid; }
  table.diff.split { display: none !important; }
  body.view-split table.diff.unified { display: table !important; }
  table.diff tbody { break-inside: avoid; }
  table.diff td, table.diff tr.hunk td { background: none !important; color: #000; }
  table.diff .sign { color: #000; font-weight: 700; }
  table.diff tr.del td.code { text-decoration: line-through; border-left: 3px dotted #000; }
  table.diff tr.add td.code { font-weight: 700; border-left: 3px solid #000; }
  table.diff mark { background: none !important; text-decoration: underline; }
  table.diff.context tr.here td.code { text-decoration: underline; }
  .badge { color: #000; background: none !important; border: 1px solid #000; }
  .items.findings, .items.errors { background: none; }
  a { color: #000; }
}
`;

const SCRIPT = `
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  var views = Array.prototype.slice.call(document.querySelectorAll('input[name="view"]'));
  var shown = document.getElementById('shown');
  function apply() {
    var on = {};
    boxes.forEach(function (box) { on[box.getAttribute('data-filter')] = box.checked; });
    var visible = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll('[data-transform]'), function (el) {
      el.hidden = !on[el.getAttribute('data-transform')];
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-transforms]'), function (el) {
      var names = el.getAttribute('data-transforms').split(' ').filter(Boolean);
      var hide = names.length > 0 && !names.some(function (name) { return on[name]; });
      el.hidden = hide;
      if (el.tagName === 'SECTION') { total += 1; if (!hide) visible += 1; }
    });
    if (shown) shown.textContent = 'Showing ' + visible + ' of ' + total + (total === 1 ? ' file' : ' files');
  }
  function view() {
    var split = views.some(function (v) { return v.checked && v.value === 'split'; });
    document.body.className = split ? 'view-split' : 'view-unified';
    // A site links to its hunk in the view on screen.
    Array.prototype.forEach.call(document.querySelectorAll('a[data-hunk]'), function (a) {
      a.setAttribute('href', '#' + a.getAttribute('data-hunk') + (split ? '-split' : ''));
    });
  }
  // The selection goes into the URL (?view=split&transforms=a,b), so that a reload or a shared link keeps it.
  function remember() {
    var params = [];
    if (views.some(function (v) { return v.checked && v.value === 'split'; })) params.push('view=split');
    var on = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.getAttribute('data-filter'); });
    if (on.length !== boxes.length) params.push('transforms=' + on.map(encodeURIComponent).join(','));
    try {
      history.replaceState(null, '', location.pathname + (params.length ? '?' + params.join('&') : '') + location.hash);
    } catch (e) {
      // Some browsers refuse it for file: pages; the selection then lasts until the page is left.
    }
  }
  // ?view=split and ?transforms=a,b preselect the view and the filter (links to a filtered page).
  var query = {};
  location.search.slice(1).split('&').forEach(function (pair) {
    var at = pair.indexOf('=');
    if (at > 0) query[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1));
  });
  if (query.view === 'split') views.forEach(function (v) { v.checked = v.value === 'split'; });
  if (query.transforms) {
    var wanted = query.transforms.split(',');
    boxes.forEach(function (box) { box.checked = wanted.indexOf(box.getAttribute('data-filter')) !== -1; });
  }
  boxes.forEach(function (box) { box.addEventListener('change', function () { apply(); remember(); }); });
  views.forEach(function (v) { v.addEventListener('change', function () { view(); remember(); }); });
  apply();
  view();
})();
`;

/** The code around a finding, its own line marked. */
function renderContext(finding: ReportFinding): string {
  if (!finding.context) return '';
  const rows = finding.context.lines.map((line, k) => {
    const number = finding.context!.firstLine + k;
    return `<tr${number === finding.line ? ' class="here"' : ''}>${num(number)}<td class="code">${escapeHtml(line)}</td></tr>`;
  });
  return `<table class="diff context"><colgroup><col class="num"><col></colgroup>${rows.join('')}</table>`;
}

export function renderHtmlReport(data: ReportData): string {
  const totals = getTotals(data);
  const colour = (name: string) => {
    const index = totals.transforms.findIndex((t) => t.name === name);
    return `t${(index < 0 ? 0 : index) % 6}`;
  };
  const badge = (name: string) => `<span class="badge ${colour(name)}">${escapeHtml(name)}</span>`;
  const s = data.summary;
  const files = sortedFiles(data).filter((file) => file.status !== 'error');
  const errors = sortedFiles(data).filter((file) => file.status === 'error');
  const html: string[] = [];

  html.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>sendlast review</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body class="view-unified">',
    '<header class="top">',
    '<h1><span class="tool">sendlast</span> review</h1>',
    `<p class="lead" id="summary">${escapeHtml(getSummarySentence(data))} Line numbers refer to the files before the changes.</p>`,
    '<div class="cards">',
    `<div class="card"><b id="count-scanned">${s.scanned}</b><span>files scanned</span></div>`,
    `<div class="card"><b id="count-changed">${s.changed}</b><span>${data.mode === 'write' ? 'changed' : 'would change'}</span></div>`,
    `<div class="card"><b id="count-sites">${totals.sites}</b><span>sites</span></div>`,
    `<div class="card"><b id="count-findings">${totals.findings}</b><span>findings to check</span></div>`,
    `<div class="card"><b id="count-errors">${s.errors}</b><span>errors</span></div>`,
    '</div>',
    '<table class="totals"><thead><tr><th>Transform</th><th class="n">Files</th><th class="n">Sites</th><th class="n">Findings</th><th>What it does</th></tr></thead><tbody>',
  );
  for (const t of totals.transforms) {
    html.push(
      `<tr><td>${badge(t.name)}</td><td class="n">${t.files}</td><td class="n">${t.sites}</td><td class="n">${t.findings}</td><td>${escapeHtml(t.description)}</td></tr>`,
    );
  }
  html.push(
    `</tbody><tfoot><tr><td>Total</td><td class="n">${totals.files}</td><td class="n">${totals.sites}</td><td class="n">${totals.findings}</td><td></td></tr></tfoot></table>`,
    '</header>',
  );

  html.push('<div class="controls">', '<div class="group"><span class="label">Transforms</span>');
  for (const t of totals.transforms) {
    html.push(
      `<label title="${plural(t.sites, 'site')}, ${plural(t.findings, 'finding')}"><input type="checkbox" data-filter="${escapeHtml(t.name)}" checked> ${badge(t.name)} <span class="mono">${t.sites + t.findings}</span></label>`,
    );
  }
  html.push(
    '</div>',
    '<div class="group"><span class="label">Diff</span>',
    '<label><input type="radio" name="view" value="unified" checked> Unified</label>',
    '<label><input type="radio" name="view" value="split"> Side by side</label>',
    '</div>',
    `<span class="shown" id="shown">${plural(files.length, 'file')}</span>`,
    '</div>',
    '<main>',
  );

  if (files.length === 0) html.push('<p>Nothing to review: no file changes and there are no findings.</p>');
  else {
    html.push('<nav class="files"><ol>');
    files.forEach((file, i) => {
      html.push(`<li data-transforms="${escapeHtml(getFileTransforms(data, file).join(' '))}"><a href="#file-${i + 1}">${escapeHtml(file.path)}</a></li>`);
    });
    html.push('</ol></nav>');
  }

  files.forEach((file, i) => {
    const names = getFileTransforms(data, file);
    const ranges = file.hunks !== undefined ? getHunkRanges(file.hunks) : [];
    const hunkOf = (line: number) => findHunkIndex(ranges, line);
    const hunkId = (index: number) => `file-${i + 1}-hunk-${index + 1}`;
    const hunks: HunkInfo[] = ranges.map((_range, index) => ({
      id: hunkId(index),
      transforms: orderTransforms(data, file.sites.filter((site) => hunkOf(site.line) === index).map((site) => site.transform)),
    }));
    html.push(
      `<section class="file" id="file-${i + 1}" data-transforms="${escapeHtml(names.join(' '))}">`,
      `<h2><a href="${escapeHtml(file.link)}" class="mono">${escapeHtml(file.path)}</a> ${names.map(badge).join(' ')}</h2>`,
    );
    if (file.sites.length > 0) {
      html.push('<ul class="items sites">');
      for (const [name, sites] of groupByTransform(data, file.sites)) {
        for (const site of sites) {
          const index = hunkOf(site.line);
          const where =
            index === -1
              ? `<span class="where">line ${site.line}</span>`
              : `<a class="where" href="#${hunkId(index)}" data-hunk="${hunkId(index)}">line ${site.line}</a>`;
          html.push(`<li data-transform="${escapeHtml(name)}">${where}${badge(name)} ${escapeHtml(site.message)}</li>`);
        }
      }
      html.push('</ul>');
    }
    if (file.findings.length > 0) {
      html.push('<ul class="items findings">', `<li class="title">${plural(file.findings.length, 'finding')} to check</li>`);
      for (const [name, findings] of groupByTransform(data, file.findings)) {
        for (const finding of findings) {
          html.push(
            `<li data-transform="${escapeHtml(name)}"><label><input type="checkbox"> <span class="where">${escapeHtml(`${file.path}:${finding.line}:${finding.column}`)}</span>${badge(name)} ${escapeHtml(finding.message)}</label>${renderContext(finding)}</li>`,
          );
        }
      }
      html.push('</ul>');
    }
    if (file.hunks !== undefined) {
      const blocks = toBlocks(parseHunks(file.hunks));
      html.push(`<div class="diffs">${renderUnified(blocks, hunks)}${renderSplit(blocks, hunks)}</div>`);
    }
    html.push('</section>');
  });

  if (errors.length > 0) {
    html.push('<section class="file" id="errors"><h2>Errors</h2><ul class="items errors">');
    for (const file of errors) {
      const error = file.error ?? { message: 'unknown error' };
      const where = error.line !== undefined ? `${file.path}:${error.line}:${error.column ?? 1}` : file.path;
      html.push(`<li><span class="where">${escapeHtml(where)}</span>${escapeHtml(error.message)}</li>`);
    }
    html.push('</ul></section>');
  }

  html.push('</main>', '<footer>Generated by sendlast. This page is self-contained: it loads nothing from the network.</footer>', `<script>${SCRIPT}</script>`, '</body>', '</html>');
  return `${html.join('\n')}\n`;
}
