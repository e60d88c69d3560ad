/**
 * The review report of `--report FILE`, rendered from plain data (report-data.ts gathers it):
 * Markdown for a pull request (a summary table, then per file the diff and the findings as a
 * checklist, grouped by transform) and HTML (one self-contained page: inline CSS and script, no
 * network request, unified or side-by-side diffs, a filter by transform). Pure and deterministic:
 * no clock, no environment, files sorted by path; line numbers are those of the files before the
 * changes, as everywhere in sendlast.
 */
export {
  escapeHtml,
  getSummarySentence,
  getTotals,
  type ReportData,
  type ReportFile,
  type ReportFinding,
  type ReportSite,
  type TransformTotals,
} from './model';
export { escapeMarkdown, MARKDOWN_MAX_LENGTH, renderMarkdownReport, type MarkdownOptions } from './markdown';
export { parseHunks, renderHtmlReport } from './html';
