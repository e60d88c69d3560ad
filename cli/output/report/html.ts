/**
 * The HTML review report: one self-contained page (inline CSS and script from assets.ts, no network
 * request) with the totals, a filter by transform, and per file its sites, findings and diff,
 * unified or side by side.
 */
import { SCRIPT, STYLE } from './assets';
import {
  diffLines,
  escapeHtml,
  getFileTransforms,
  getSummarySentence,
  getTotals,
  groupByTransform,
  orderTransforms,
  sortedFiles,
  type ReportData,
  type ReportFile,
  type ReportFinding,
} from './model';
import { plural } from '../plural';

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
        for (const d of block.dels)
          rows.push(`<tr class="del">${num(d.row.old)}${num(undefined)}<td class="code"><span class="sign">-</span>${d.html}</td></tr>`);
        for (const a of block.adds)
          rows.push(`<tr class="add">${num(undefined)}${num(a.row.new)}<td class="code"><span class="sign">+</span>${a.html}</td></tr>`);
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
/** The code around a finding, its own line marked. */
function renderContext(finding: ReportFinding): string {
  if (!finding.context) return '';
  const rows = finding.context.lines.map((line, k) => {
    const number = finding.context!.firstLine + k;
    return `<tr${number === finding.line ? ' class="here"' : ''}>${num(number)}<td class="code">${escapeHtml(line)}</td></tr>`;
  });
  return `<table class="diff context"><colgroup><col class="num"><col></colgroup>${rows.join('')}</table>`;
}

/** The transforms' totals and how each is drawn: a badge coloured by its place in the totals table. */
interface HtmlContext {
  data: ReportData;
  totals: ReturnType<typeof getTotals>;
  badge: (name: string) => string;
}

function getHtmlContext(data: ReportData): HtmlContext {
  const totals = getTotals(data);
  const colour = (name: string) => {
    const index = totals.transforms.findIndex((t) => t.name === name);
    return `t${Math.max(index, 0) % 6}`;
  };
  return { data, totals, badge: (name: string) => `<span class="badge ${colour(name)}">${escapeHtml(name)}</span>` };
}

export function renderHtmlReport(data: ReportData): string {
  const context = getHtmlContext(data);
  const files = sortedFiles(data).filter((file) => file.status !== 'error');
  const errors = sortedFiles(data).filter((file) => file.status === 'error');
  const html: string[] = [...getHtmlHeader(context), ...getHtmlControls(context, files.length), '<main>'];
  if (files.length === 0) html.push('<p>Nothing to review: no file changes and there are no findings.</p>');
  else {
    html.push('<nav class="files"><ol>');
    files.forEach((file, i) => {
      html.push(`<li data-transforms="${escapeHtml(getFileTransforms(data, file).join(' '))}"><a href="#file-${i + 1}">${escapeHtml(file.path)}</a></li>`);
    });
    html.push('</ol></nav>');
  }
  for (const [i, file] of files.entries()) html.push(...getHtmlFileSection(context, file, i));
  html.push(...getHtmlErrors(errors));
  html.push(
    '</main>',
    '<footer>Generated by sendlast. This page is self-contained: it loads nothing from the network.</footer>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
  );
  return `${html.join('\n')}\n`;
}

/** From the doctype to the end of the page's header: the summary, the counts and the totals table. */
function getHtmlHeader({ data, totals, badge }: HtmlContext): string[] {
  const s = data.summary;
  const html: string[] = [
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
  ];
  for (const t of totals.transforms) {
    html.push(
      `<tr><td>${badge(t.name)}</td><td class="n">${t.files}</td><td class="n">${t.sites}</td><td class="n">${t.findings}</td><td>${escapeHtml(t.description)}</td></tr>`,
    );
  }
  html.push(
    `</tbody><tfoot><tr><td>Total</td><td class="n">${totals.files}</td><td class="n">${totals.sites}</td><td class="n">${totals.findings}</td><td></td></tr></tfoot></table>`,
    '</header>',
  );
  return html;
}

/** The filter by transform and the diff view switch. */
function getHtmlControls({ totals, badge }: HtmlContext, fileCount: number): string[] {
  const html = ['<div class="controls">', '<div class="group"><span class="label">Transforms</span>'];
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
    `<span class="shown" id="shown">${plural(fileCount, 'file')}</span>`,
    '</div>',
  );
  return html;
}

/** One file (the `i`th): its sites, each linked to its hunk, its findings with their code, its diff. */
function getHtmlFileSection({ data, badge }: HtmlContext, file: ReportFile, i: number): string[] {
  const names = getFileTransforms(data, file);
  const ranges = file.hunks !== undefined ? getHunkRanges(file.hunks) : [];
  const hunkOf = (line: number) => findHunkIndex(ranges, line);
  const hunkId = (index: number) => `file-${i + 1}-hunk-${index + 1}`;
  const hunks: HunkInfo[] = ranges.map((_range, index) => ({
    id: hunkId(index),
    transforms: orderTransforms(
      data,
      file.sites.filter((site) => hunkOf(site.line) === index).map((site) => site.transform),
    ),
  }));
  const html = [
    `<section class="file" id="file-${i + 1}" data-transforms="${escapeHtml(names.join(' '))}">`,
    `<h2><a href="${escapeHtml(file.link)}" class="mono">${escapeHtml(file.path)}</a> ${names.map(badge).join(' ')}</h2>`,
  ];
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
  return html;
}

/** The files that could not be processed, at the end of the page. */
function getHtmlErrors(errors: readonly ReportFile[]): string[] {
  if (errors.length === 0) return [];
  const html = ['<section class="file" id="errors"><h2>Errors</h2><ul class="items errors">'];
  for (const file of errors) {
    const error = file.error ?? { message: 'unknown error' };
    const where = error.line !== undefined ? `${file.path}:${error.line}:${error.column ?? 1}` : file.path;
    html.push(`<li><span class="where">${escapeHtml(where)}</span>${escapeHtml(error.message)}</li>`);
  }
  html.push('</ul></section>');
  return html;
}
