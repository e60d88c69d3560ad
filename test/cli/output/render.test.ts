/** Results -> text: diffs, findings, the summary line, the JSON report and the patch. */
import { createColors } from 'picocolors';
import {
  buildJsonReport,
  colorizeDiff,
  quotePatchPath,
  renderFileDiff,
  renderPatch,
  renderProgress,
  renderSummaryLine,
  renderText,
  summarize,
} from '../../../cli/output/render';
import { diffHunks } from '../../../cli/run/process-file';
import type { FileResult } from '../../../cli/run/process-file';
import type { RunResult } from '../../../cli/run/runner';

function result(files: FileResult[], extra: Partial<RunResult> = {}): RunResult {
  return {
    files,
    notes: [],
    workers: 0,
    written: [],
    interrupted: false,
    patchBase: '/repo',
    timings: { findMs: 1, processMs: 2, writeMs: 0 },
    durationMs: 1234,
    ...extra,
  };
}

const changed: FileResult = {
  path: 'src/a.js',
  file: '/repo/src/a.js',
  status: 'changed',
  transforms: ['await-then-send'],
  findings: [
    { transform: 'respond-last', rule: 'respond-last/unsafe-to-move', severity: 'warning', line: 2, column: 3, endLine: 2, endColumn: 9, message: 'look here' },
  ],
  hunks: diffHunks('a\nb\n', 'a\nc\n'),
  source: 'a\nb\n',
  output: 'a\nc\n',
  encoding: 'utf8',
};
const unchanged: FileResult = { path: 'src/b.js', file: '/repo/src/b.js', status: 'unchanged', transforms: [], findings: [] };
const failed: FileResult = {
  path: 'src/c.js',
  file: '/repo/src/c.js',
  status: 'error',
  transforms: [],
  findings: [],
  error: { message: 'Unexpected token', line: 3, column: 7 },
};
const skipped: FileResult = {
  path: 'min.js',
  file: '/repo/min.js',
  status: 'skipped',
  skipped: 'minified or bundled file',
  skipReason: 'minified',
  transforms: [],
  findings: [],
};

describe('diffs', () => {
  test('hunks without headers; headers added per file', () => {
    expect(changed.hunks).toBe('@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
    expect(renderFileDiff('src/a.js', changed.hunks!)).toBe('--- a/src/a.js\n+++ b/src/a.js\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
    expect(diffHunks('a\nb', 'a\nc')).toBe('@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
  });

  test('paths with special characters are quoted the way git quotes them', () => {
    expect(quotePatchPath('a/', 'with space.js')).toBe('a/with space.js');
    expect(quotePatchPath('a/', 'quote".js')).toBe('"a/quote\\".js"');
    expect(quotePatchPath('b/', 'tab\there.js')).toBe('"b/tab\\there.js"');
  });

  test('colours only when asked', () => {
    const diff = renderFileDiff('x.js', changed.hunks!);
    expect(colorizeDiff(diff, createColors(false))).toBe(diff);
    const coloured = colorizeDiff(diff, createColors(true));
    expect(coloured).toContain('\x1b[32m+c\x1b[39m');
    expect(coloured).toContain('\x1b[31m-b\x1b[39m');
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(diff);
  });

  test("the patch has paths relative to the patch base, in each file's encoding", () => {
    const latin1: FileResult = {
      ...changed,
      path: 'l.js',
      file: '/repo/l.js',
      hunks: diffHunks('caf\xe9\n', 'caf\xe9!\n'),
      encoding: 'latin1',
    };
    const patch = renderPatch(result([latin1, changed, unchanged]));
    expect(patch.toString('latin1')).toBe(
      '--- a/l.js\n+++ b/l.js\n@@ -1,1 +1,1 @@\n-caf\xe9\n+caf\xe9!\n' + '--- a/src/a.js\n+++ b/src/a.js\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n',
    );
    expect(patch.includes(Buffer.from([0xe9]))).toBe(true);
  });
});

describe('summary and text', () => {
  test('counts', () => {
    expect(summarize([changed, unchanged, failed, skipped])).toEqual({
      scanned: 3,
      changed: 1,
      unchanged: 1,
      findings: 1,
      errors: 1,
      skipped: 1,
    });
    expect(renderSummaryLine(summarize([changed]), 1234)).toBe('1 file scanned: 1 changed, 0 unchanged, 1 finding, 0 errors (1.23s)');
  });

  test('dry run: diff and findings on the report, errors on the diagnostics, then the summary', () => {
    const text = renderText(result([changed, unchanged, failed]), { mode: 'dry-run', color: false, quiet: false, verbose: false, diffs: true });
    expect(text.report).toBe(
      ['--- a/src/a.js', '+++ b/src/a.js', '@@ -1,2 +1,2 @@', ' a', '-b', '+c', '', 'src/a.js:2:3: respond-last/unsafe-to-move: look here', ''].join('\n'),
    );
    expect(text.summary).toBe(
      [
        '',
        '3 files scanned: 1 changed, 1 unchanged, 1 finding, 1 error (1.23s)',
        'Dry run: nothing was written. Run again with --write to apply these changes.',
        '',
      ].join('\n'),
    );
    expect(text.diagnostics).toBe('src/c.js:3:7: Unexpected token\n');
  });

  test('--verbose lists skipped files; interrupted runs say so', () => {
    const text = renderText(result([skipped], { interrupted: true, workers: 3 }), {
      mode: 'write',
      color: false,
      quiet: true,
      verbose: true,
      diffs: false,
    });
    expect(text.report).toBe('');
    expect(text.diagnostics).toContain('interrupted: 0 files written, the others left unchanged\n');
    expect(text.diagnostics).toContain('skipped min.js: minified or bundled file\n');
    expect(text.diagnostics).toContain('processed on 3 worker threads');
  });

  test('JSON leaves out unchanged files without findings; lists and counts skipped files with the reason', () => {
    const report = buildJsonReport(result([changed, unchanged, failed, skipped, { ...unchanged, path: 'f.js', findings: changed.findings }]));
    expect(report.files.map((f) => f.path)).toEqual(['src/a.js', 'src/c.js', 'min.js', 'f.js']);
    expect(report.files[1]).toEqual({ path: 'src/c.js', status: 'error', transforms: [], findings: [], error: failed.error });
    expect(report.files[2]).toEqual({
      path: 'min.js',
      status: 'skipped',
      transforms: [],
      findings: [],
      skipped: { reason: 'minified', message: 'minified or bundled file' },
    });
    expect(report.summary).toEqual({ scanned: 4, changed: 1, unchanged: 2, findings: 2, errors: 1, skipped: 1, durationMs: 1234 });
    expect(() => buildJsonReport(result([{ ...skipped, skipReason: undefined }]))).toThrow('min.js was skipped without a reason');
  });

  test('progress bar', () => {
    expect(renderProgress(5, 10, 40)).toBe(`[${'#'.repeat(13)}${'-'.repeat(13)}] 5/10 files`);
    expect(renderProgress(5, 10, 40).length).toBeLessThanOrEqual(40);
    expect(renderProgress(10, 10, 80)).toMatch(/^\[#{40}\] 10\/10 files$/);
    // The time left, from the rate so far; none once done.
    expect(renderProgress(25, 100, 80, 5000)).toMatch(/ 25\/100 files, ETA 15s$/);
    expect(renderProgress(1, 100, 80, 2000)).toMatch(/ 1\/100 files, ETA 3m18s$/);
    expect(renderProgress(100, 100, 80, 5000)).toMatch(/ 100\/100 files$/);
    expect(renderProgress(25, 100, 50, 5000).length).toBeLessThanOrEqual(50);
    // The summary accounts for every file the bar counted: scanned and skipped.
    expect(renderSummaryLine({ scanned: 9, changed: 7, unchanged: 2, findings: 0, errors: 0, skipped: 1 }, 10)).toBe(
      '9 files scanned: 7 changed, 2 unchanged, 0 findings, 0 errors, 1 skipped (10ms)',
    );
  });
});
