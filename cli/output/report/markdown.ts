/**
 * The Markdown review report, for a pull request: a summary table, then per file its sites, diff
 * and findings (a checklist, grouped by transform), summarised to fit a comment's size limit.
 */
import {
  diffLines,
  escapeHtml,
  getSummarySentence,
  getTotals,
  groupByTransform,
  sortedFiles,
  type ReportData,
  type ReportFile,
  type ReportSite,
} from './model';
import { plural } from '../plural';

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
          out.push(
            '',
            `    ${fence}${getFenceLanguage(file.path)}`,
            ...finding.context.lines.map((line) => (line === '' ? '' : `    ${line}`)),
            `    ${fence}`,
            '',
          );
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
  out.push(`${getSummarySentence(data)} Line numbers refer to the files before the changes.`, '');
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
