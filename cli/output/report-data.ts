/**
 * `--report FILE`: the data of the review report, gathered from a run's results (each changed
 * file's diff, sites and findings, as the run computed them: nothing is transformed again), and
 * the report written next to it; rendering is report/'s job (pure).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Mode } from '../args';
import { decode, type FileResult } from '../run/process-file';
import { summarize } from './render';
import type { RunResult } from '../run/runner';
import { writeFileAtomic } from '../run/write';
import type { ReportData, ReportFile, ReportFinding } from './report';

type TransformsModule = typeof import('../../transforms/index');

export interface ReportOptions {
  /** Absolute path of the report: its extension picks the format, its directory the links. */
  file: string;
  mode: Mode;
  /** The transforms the run selected (undefined: all), listed in the report. */
  transforms?: readonly string[];
  /**
   * Links to files are this URL followed by the path from the git work tree's root (or the current
   * directory), e.g. a repository browser's `.../blob/<commit>`; default: relative to the report.
   */
  linkBase?: string;
}

/** The file's text before the run changed it: kept by --write, read again otherwise. */
function getSourceText(file: FileResult): string | null {
  if (file.source !== undefined) return file.source;
  try {
    return decode(fs.readFileSync(file.file)).text;
  } catch {
    return null;
  }
}

/** A link to the file (URL-encoded, `/`-separated): from the report's directory, or under `linkBase`. */
function getLink(reportDir: string, file: string, linkBase: string | undefined, patchBase: string): string {
  const from = linkBase !== undefined ? patchBase : reportDir;
  const relative = path.relative(from, file).split(path.sep).join('/');
  const encoded = relative.split('/').map(encodeURIComponent).join('/');
  return linkBase !== undefined ? `${linkBase.replace(/\/+$/, '')}/${encoded}` : encoded;
}

/** Lines of context before and after a finding's line. */
const CONTEXT_LINES = 1;

/** The file's findings, each with the code around it (when the file can still be read). */
function withContext(file: FileResult): ReportFinding[] {
  const findings = file.findings.map(({ transform, line, column, message }) => ({ transform, line, column, message }));
  if (findings.length === 0) return findings;
  const text = getSourceText(file);
  if (text === null) return findings;
  const lines = text.split(/\r?\n|\r/);
  return findings.map((finding) => {
    const first = Math.max(1, finding.line - CONTEXT_LINES);
    const last = Math.min(lines.length, finding.line + CONTEXT_LINES);
    if (finding.line > lines.length) return finding;
    return { ...finding, context: { firstLine: first, lines: lines.slice(first - 1, last).map((line) => line.replace(/^\uFEFF/, '')) } };
  });
}

export function collectReportData(result: RunResult, options: ReportOptions): ReportData {
  const registry = require('../../transforms/index') as TransformsModule;
  const selected = options.transforms ?? registry.TRANSFORM_NAMES;
  const reportDir = path.dirname(options.file);
  const files: ReportFile[] = [];
  for (const file of result.files) {
    if (file.status === 'skipped' || (file.status === 'unchanged' && file.findings.length === 0)) continue;
    files.push({
      path: file.path,
      link: getLink(reportDir, file.file, options.linkBase, result.patchBase),
      status: file.status,
      transforms: file.transforms,
      ...(file.hunks !== undefined ? { hunks: file.hunks } : {}),
      sites: file.status === 'changed' ? (file.sites ?? []) : [],
      findings: withContext(file),
      ...(file.error ? { error: file.error } : {}),
    });
  }
  return {
    mode: options.mode,
    transforms: registry.TRANSFORM_NAMES.filter((name) => selected.includes(name)).map((name) => ({
      name,
      description: registry.transforms.get(name)?.description ?? '',
    })),
    summary: summarize(result.files),
    files,
  };
}

/** Render the report for `options.file`'s extension and write it (atomically). */
export function writeReviewReport(result: RunResult, options: ReportOptions): void {
  const { renderHtmlReport, renderMarkdownReport } = require('./report') as typeof import('./report');
  const data = collectReportData(result, options);
  const html = /\.html?$/i.test(options.file);
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  writeFileAtomic(options.file, Buffer.from(html ? renderHtmlReport(data) : renderMarkdownReport(data), 'utf8'));
}
