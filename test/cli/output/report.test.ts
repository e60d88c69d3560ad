/**
 * `--report FILE`: the Markdown report over examples/ compared byte for byte with
 * test/fixtures-report/examples.md (regenerate with UPDATE_REPORT_FIXTURES=1 after a deliberate
 * change, and read the diff), the renderers on hand-made data (order, escaping, fences), the HTML
 * page checked for self-containment and rendered in headless Chromium (skipped, with a message,
 * when /usr/bin/chromium is not installed; .ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { parseCliArgs } from '../../../cli/args';
import type { JsonReport } from '../../../cli/output/render';
import { escapeMarkdown, getTotals, parseHunks, renderHtmlReport, renderMarkdownReport, type ReportData } from '../../../cli/output/report';
import { commitAll, HANDLER, HANDLER_FIXED, runCli, useTempTrees } from '../helpers';

const ROOT = path.join(__dirname, '..', '..', '..');
const EXPECTED_MD = path.join(ROOT, 'test', 'fixtures-report', 'examples.md');
const CHROMIUM = '/usr/bin/chromium';

const tree = useTempTrees();

/** A temporary directory holding a copy of examples/ (so the report's links are `examples/...`). */
function examplesTree(): string {
  const root = tree({});
  fs.cpSync(path.join(ROOT, 'examples'), path.join(root, 'examples'), { recursive: true });
  return root;
}

describe('--report on the command line', () => {
  test('parses; the file name picks the format', () => {
    expect(parseCliArgs(['--report', 'review.md'])).toMatchObject({ kind: 'run', options: { reports: ['review.md'] } });
    expect(parseCliArgs(['--report', 'out/Review.HTML', '--check'])).toMatchObject({ kind: 'run', options: { reports: ['out/Review.HTML'], mode: 'check' } });
    expect(parseCliArgs(['--report', 'a.md', '--report', 'b.html'])).toMatchObject({ kind: 'run', options: { reports: ['a.md', 'b.html'] } });
    expect(parseCliArgs(['--report', 'a.md', '--link-base', 'https://example.test/o/r/blob/abc'])).toMatchObject({
      kind: 'run',
      options: { linkBase: 'https://example.test/o/r/blob/abc' },
    });
    expect(parseCliArgs(['--report', 'a.md', '--link-base', 'src/'])).toMatchObject({ kind: 'error', message: expect.stringContaining('absolute URL') });
    expect(parseCliArgs(['--link-base', 'https://x.test/'])).toMatchObject({ kind: 'error', message: '--link-base only makes sense with --report' });
    expect(parseCliArgs(['--report', 'a.md', '--report', 'review.txt'])).toEqual({
      kind: 'error',
      message: '--report needs a file name ending in .md or .html (got "review.txt")',
    });
  });

  test('Markdown over examples/ is exactly test/fixtures-report/examples.md', async () => {
    const root = examplesTree();
    const result = await runCli(root, ['--report', 'review.md', 'examples']);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('Review report written to review.md.\n')).toBe(true);
    const markdown = fs.readFileSync(path.join(root, 'review.md'), 'utf8');
    if (process.env.UPDATE_REPORT_FIXTURES) fs.writeFileSync(EXPECTED_MD, markdown);
    expect(markdown).toBe(fs.readFileSync(EXPECTED_MD, 'utf8'));
    // Nothing was written but the report.
    expect(fs.readdirSync(path.join(root, 'examples')).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'examples')).sort());
    for (const name of fs.readdirSync(path.join(ROOT, 'examples'))) {
      expect(fs.readFileSync(path.join(root, 'examples', name))).toEqual(fs.readFileSync(path.join(ROOT, 'examples', name)));
    }
  });

  test('the Markdown summary agrees with --json', async () => {
    const root = examplesTree();
    await runCli(root, ['--report', 'review.md', 'examples']);
    const json = JSON.parse((await runCli(root, ['--json', 'examples'])).stdout) as JsonReport;
    const markdown = fs.readFileSync(path.join(root, 'review.md'), 'utf8');
    const s = json.summary;
    expect(markdown).toContain(
      `${s.scanned} files scanned: ${s.changed} would change, ${s.unchanged} unchanged, ${s.findings} findings to check, ${s.errors} errors.`,
    );
    const total = /^\| \*\*Total\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \| \|$/m.exec(markdown);
    expect(total).not.toBeNull();
    expect(Number(total![3])).toBe(s.findings);
    for (const file of json.files) {
      expect(markdown).toContain(`<summary><code>${file.path}</code>: `);
      expect(markdown).toContain(file.diff!.replace(/\n$/, ''));
    }
  }, 60_000);

  test('with --write: the report lists what was written, links relative to the report', async () => {
    const root = tree({ 'src/a.js': HANDLER });
    commitAll(root);
    const result = await runCli(root, ['--write', '--report', 'docs/review.md', 'src']);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/a.js'), 'utf8')).toBe(HANDLER_FIXED);
    const markdown = fs.readFileSync(path.join(root, 'docs/review.md'), 'utf8');
    expect(markdown).toContain('1 file scanned: 1 changed, 0 unchanged, 0 findings to check, 0 errors. The changes were written.');
    expect(markdown).toContain('- `await-then-send`\n  - [`src/a.js:2`](../src/a.js#L2) awaits the returned promise, then responds\n');
  });

  test('--link-base: absolute links, from the git root, in Markdown and HTML', async () => {
    const root = tree({
      'pkg/src/a b.js': HANDLER,
      'pkg/src/f.js': "const ff = require('@google-cloud/functions-framework');\nff.http('x', (req, res) => {\n  return s.pipe(res);\n});\n",
    });
    commitAll(root);
    const cwd = path.join(root, 'pkg');
    const result = await runCli(cwd, ['--report', 'out/review.md', '--report', 'out/review.html', '--link-base', 'https://example.test/o/r/blob/abc/', 'src']);
    expect(result.code).toBe(0);
    const md = fs.readFileSync(path.join(cwd, 'out/review.md'), 'utf8');
    expect(md).toContain('(https://example.test/o/r/blob/abc/pkg/src/a%20b.js#L2)');
    expect(md).toContain('(https://example.test/o/r/blob/abc/pkg/src/f.js#L3)');
    expect(fs.readFileSync(path.join(cwd, 'out/review.html'), 'utf8')).toContain('<a href="https://example.test/o/r/blob/abc/pkg/src/a%20b.js" class="mono">');
  });

  test('a report that cannot be written is a usage error', async () => {
    const root = tree({ 'a.js': HANDLER, blocker: 'a file, not a directory\n' });
    const result = await runCli(root, ['--report', 'blocker/review.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sendlast: cannot write the report to blocker\/review\.md: /);
  });
});

/** Two files and an error, given out of order; lines and messages that need escaping. */
const DATA: ReportData = {
  mode: 'dry-run',
  transforms: [
    { name: 'await-then-send', description: 'await promises' },
    { name: 'respond-last', description: 'move work' },
    { name: 'send-status', description: 'status calls' },
  ],
  summary: { scanned: 4, changed: 1, unchanged: 2, findings: 2, errors: 1, skipped: 0 },
  files: [
    {
      path: 'src/z.js',
      link: 'src/z.js',
      status: 'unchanged',
      transforms: [],
      sites: [],
      findings: [
        { transform: 'respond-last', line: 9, column: 3, message: 'left alone: `res.end()` then <b>work</b>' },
        { transform: 'await-then-send', line: 4, column: 1, message: 'a_b*c' },
      ],
    },
    {
      path: 'src/my file.js',
      link: 'src/my%20file.js',
      status: 'changed',
      transforms: ['await-then-send', 'send-status'],
      hunks: '@@ -1,3 +1,3 @@\n const s = `\n-```\n+````\n `;\n',
      sites: [
        { transform: 'send-status', line: 2, column: 1, message: 'res.send(status) -> res.sendStatus(status)' },
        { transform: 'await-then-send', line: 3, column: 1, message: 'second' },
        { transform: 'await-then-send', line: 1, column: 1, message: 'first' },
      ],
      findings: [],
    },
    {
      path: 'src/bad.js',
      link: 'src/bad.js',
      status: 'error',
      transforms: [],
      sites: [],
      findings: [],
      error: { message: 'Unexpected token', line: 2, column: 7 },
    },
  ],
};

test("the report lists the run's own sites (here with --platform server), even once the file has changed on disk", async () => {
  const { run } = await import('../../../cli/run/runner');
  const { collectReportData } = await import('../../../cli/output/report-data');
  const { runOptions } = await import('../helpers');
  const server = [
    "const express = require('express');",
    'const app = express();',
    "app.post('/events', (req, res) => {",
    "  if (!req.body.type) return res.status(400).send('type required');",
    '  return audit.record(req.body);',
    '});',
    "app.get('/ping', (req, res) => {",
    "  res.send('pong');",
    '  metrics.increment(req.path);',
    '});',
    'app.listen(8080);',
    '',
  ].join('\n');
  const root = tree({ 'server.js': server });
  const result = await run(runOptions(root, { transformOptions: { platform: 'server' }, workerFile: null }));
  const options = { file: path.join(root, 'review.md'), mode: 'dry-run' as const, parser: 'auto' as const };
  const [file] = collectReportData(result, options).files;
  expect(file).toMatchObject({ status: 'changed', transforms: ['await-then-send'], sites: [{ transform: 'await-then-send', line: 5 }] });
  expect(file!.findings.map((f) => f.transform)).toEqual(['await-then-send', 'respond-last']);
  // Nothing is transformed again: the report shows what the run found, not what the file holds now.
  fs.writeFileSync(path.join(root, 'server.js'), 'module.exports = 42;\n');
  expect(collectReportData(result, options).files[0]!.sites).toEqual(file!.sites);
});

describe('renderers on hand-made data', () => {
  test('Markdown: files by path, sites and findings grouped by transform in canonical order, fences longer than the code', () => {
    expect(renderMarkdownReport(DATA)).toBe(
      [
        '# sendlast review',
        '',
        '4 files scanned: 1 would change, 2 unchanged, 2 findings to check, 1 error. Dry run: nothing was written. Line numbers refer to the files before the changes.',
        '',
        '| Transform | Files | Sites | Findings | What it does |',
        '| --- | ---: | ---: | ---: | --- |',
        '| `await-then-send` | 2 | 2 | 1 | await promises |',
        '| `respond-last` | 1 | 0 | 1 | move work |',
        '| `send-status` | 1 | 1 | 0 | status calls |',
        '| **Total** | **2** | **3** | **2** | |',
        '',
        '<details>',
        '<summary><code>src/my file.js</code>: 3 changes</summary>',
        '',
        '3 changes:',
        '',
        '- `await-then-send`',
        '  - [`src/my file.js:1`](src/my%20file.js#L1) first',
        '  - [`src/my file.js:3`](src/my%20file.js#L3) second',
        '- `send-status`',
        '  - [`src/my file.js:2`](src/my%20file.js#L2) res.send(status) -> res.sendStatus(status)',
        '',
        '`````diff',
        '--- a/src/my file.js',
        '+++ b/src/my file.js',
        '@@ -1,3 +1,3 @@',
        ' const s = `',
        '-```',
        '+````',
        ' `;',
        '`````',
        '',
        '</details>',
        '',
        '<details open>',
        '<summary><code>src/z.js</code>: 2 findings to check</summary>',
        '',
        '2 findings to check:',
        '',
        '- `await-then-send`',
        '  - [ ] [`src/z.js:4`](src/z.js#L4) a\\_b\\*c',
        '- `respond-last`',
        '  - [ ] [`src/z.js:9`](src/z.js#L9) left alone: \\`res.end()\\` then \\<b>work\\</b>',
        '',
        '</details>',
        '',
        '## Errors',
        '',
        '- [`src/bad.js:2:7`](src/bad.js#L2) Unexpected token',
        '',
      ].join('\n'),
    );
  });

  test('Markdown past the size limit: first without diffs, then without the last files, and says so', () => {
    const big: ReportData = { ...DATA, files: DATA.files.map((file) => (file.hunks ? { ...file, hunks: file.hunks.repeat(30) } : file)) };
    const full = renderMarkdownReport(big);
    const noDiffs = renderMarkdownReport(big, { maxLength: full.length - 1 });
    expect(noDiffs.length).toBeLessThan(full.length);
    expect(noDiffs).not.toContain('```diff');
    expect(noDiffs).toContain('> This report is summarised to stay under');
    expect(noDiffs).toContain('no diffs. Run sendlast with `--report review.html`');
    expect(noDiffs).toContain('<summary><code>src/z.js</code>: 2 findings to check</summary>');
    const fewer = renderMarkdownReport(big, { maxLength: noDiffs.length - 1 });
    expect(fewer.length).toBeLessThanOrEqual(noDiffs.length - 1);
    expect(fewer).toContain('1 file left out');
    expect(fewer).toContain('src/my file.js');
    expect(fewer).not.toContain('<summary><code>src/z.js</code>');
    // The summary table and the errors always stay.
    expect(fewer).toContain('| **Total** | **2** | **3** | **2** | |');
    expect(fewer).toContain('## Errors');
    // Many files: the default limit keeps a pull request comment under GitHub's 65,536 characters.
    const many: ReportData = {
      ...DATA,
      files: Array.from({ length: 400 }, (_, i) => ({
        ...DATA.files[1]!,
        path: `src/f${String(i).padStart(3, '0')}.js`,
        hunks: DATA.files[1]!.hunks!.repeat(20),
      })),
    };
    const limited = renderMarkdownReport(many);
    expect(limited.length).toBeLessThanOrEqual(60_000);
    expect(limited).toMatch(/\d+ files left out/);
  });

  test('HTML: each hunk is a tbody tagged with the transforms of its sites; sites link to their hunk', () => {
    const data: ReportData = {
      ...DATA,
      files: [
        {
          path: 'a.js',
          link: 'a.js',
          status: 'changed',
          transforms: ['await-then-send', 'send-status'],
          hunks: '@@ -1,2 +1,2 @@\n a\n-b\n+c\n@@ -20,2 +20,2 @@\n x\n-y\n+z\n',
          sites: [
            { transform: 'await-then-send', line: 2, column: 1, message: 'first' },
            { transform: 'send-status', line: 21, column: 1, message: 'second' },
          ],
          findings: [],
        },
      ],
    };
    const page = renderHtmlReport(data);
    expect(page).toContain('<tbody id="file-1-hunk-1" data-transforms="await-then-send">');
    expect(page).toContain('<tbody id="file-1-hunk-2" data-transforms="send-status">');
    expect(page).toContain('<tbody id="file-1-hunk-1-split" data-transforms="await-then-send">');
    expect(page).toContain('<a class="where" href="#file-1-hunk-2" data-hunk="file-1-hunk-2">line 21</a>');
    expect(page).toMatch(/@media print \{[\s\S]*tr\.del td\.code \{ text-decoration: line-through;/);
  });

  test('the order of the input does not matter', () => {
    const reversed: ReportData = {
      ...DATA,
      files: [...DATA.files].reverse().map((f) => ({ ...f, sites: [...f.sites].reverse(), findings: [...f.findings].reverse() })),
    };
    expect(renderMarkdownReport(reversed)).toBe(renderMarkdownReport(DATA));
    expect(renderHtmlReport(reversed)).toBe(renderHtmlReport(DATA));
  });

  test('totals', () => {
    expect(getTotals(DATA)).toMatchObject({ files: 2, sites: 3, findings: 2 });
  });

  test('escapeMarkdown', () => {
    expect(escapeMarkdown('a|b [c](d) <e> `f` ~g~ \\')).toBe('a\\|b \\[c\\](d) \\<e> \\`f\\` \\~g\\~ \\\\');
  });

  test('diff rows carry old and new line numbers', () => {
    expect(parseHunks('@@ -3,3 +3,3 @@\n a\n-b\n+c\n d\n\\ No newline at end of file\n')).toEqual([
      { kind: 'hunk', text: '@@ -3,3 +3,3 @@' },
      { kind: 'context', text: 'a', old: 3, new: 3 },
      { kind: 'del', text: 'b', old: 4 },
      { kind: 'add', text: 'c', new: 4 },
      { kind: 'context', text: 'd', old: 5, new: 5 },
      { kind: 'note', text: '\\ No newline at end of file' },
    ]);
  });

  test('HTML: code and messages are escaped, the script compiles', () => {
    const html = renderHtmlReport(DATA);
    expect(html).toContain('left alone: `res.end()` then &lt;b&gt;work&lt;/b&gt;');
    expect(html).not.toContain('<b>work</b>');
    expect(html).toContain('<a href="src/my%20file.js" class="mono">src/my file.js</a>');
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(() => new vm.Script(scripts[0]!)).not.toThrow();
  });
});

/** Attributes and CSS that would make the browser fetch something. */
function findExternalReferences(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/\b(src|href|action|poster|srcset|data|formaction|background)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)) {
    const value = match[2]!.replace(/^["']|["']$/g, '').trim();
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(value) && !/^(?:javascript|data):/i.test(value)) found.push(match[0]);
  }
  for (const pattern of [
    /<link\b/gi,
    /<script\b[^>]*\bsrc\s*=/gi,
    /<iframe\b/gi,
    /<img\b/gi,
    /<object\b/gi,
    /<embed\b/gi,
    /<base\b/gi,
    /<meta\b[^>]*http-equiv/gi,
  ]) {
    for (const match of html.matchAll(pattern)) found.push(match[0]);
  }
  // CSS: in <style> blocks and style attributes (the diffs' code may well say `new URL(`).
  const css = [...html.matchAll(/<style>([\s\S]*?)<\/style>|\bstyle\s*=\s*"([^"]*)"/gi)].map((m) => m[1] ?? m[2] ?? '');
  for (const block of css) for (const match of block.matchAll(/@import|url\s*\(/gi)) found.push(match[0]);
  return found;
}

describe('HTML report', () => {
  let root: string;
  let html: string;
  beforeAll(async () => {
    root = examplesTree();
    const result = await runCli(root, ['--report', 'review.html', 'examples']);
    expect(result.code).toBe(0);
    html = fs.readFileSync(path.join(root, 'review.html'), 'utf8');
  });

  test('is one self-contained file: no external URL, stylesheet, script or image', () => {
    expect(findExternalReferences(html)).toEqual([]);
    expect(html).toMatch(/^<!DOCTYPE html>\n/);
    expect(html).toContain('<style>');
    // The examples' code mentions URLs: only as escaped text.
    expect(html).toContain('https://sho.rt/');
    expect(html).toContain('new URL(');
    expect(findExternalReferences('<img src="https://x.test/a.png"><a href=//cdn.test><style>a{background:url(x.png)}</style>')).toHaveLength(4);
  });

  test('names every file and transform, with the summary numbers', () => {
    for (const name of [
      'cloud-functions-exports.js',
      'express-app.js',
      'firebase-v1.js',
      'firebase-v2.ts',
      'forgotten-responses.js',
      'functions-framework.js',
      'node-server.mjs',
      'typed-handlers.ts',
    ]) {
      expect(html).toContain(`examples/${name}`);
    }
    expect(html).not.toContain('examples/already-correct.js');
    for (const name of ['await-then-send', 'end-handler', 'respond-last', 'send-status']) expect(html).toContain(`data-filter="${name}"`);
    expect(html).toContain('<b id="count-scanned">10</b>');
  });

  test('every finding shows the code around it, its own line marked', () => {
    expect(html).toMatch(/<tr class="here"><td class="num">23<\/td><td class="code">router\.post\(&#39;\/todos&#39;, \(req, res\) =&gt; \{<\/td><\/tr>/);
    expect(html).toMatch(/<tr><td class="num">52<\/td><td class="code"> {2}res\.status\(500\)/);
  });

  const chromium = fs.existsSync(CHROMIUM);
  if (!chromium) console.warn(`${CHROMIUM} is not installed: skipping the headless Chromium tests of the HTML report (apt-get install -y chromium)`);

  function runChromium(args: string[], url: string) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sendlast-chromium-'));
    try {
      return spawnSync(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
          `--user-data-dir=${profile}`,
          ...args,
          url,
        ],
        { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
      );
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }

  /** PNG width and height from the IHDR chunk. */
  function pngSize(file: string): [number, number] {
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  }

  (chromium ? test : test.skip)(
    'renders in headless Chromium: screenshots of both views',
    () => {
      const url = `file://${path.join(root, 'review.html')}`;
      for (const [name, query] of [
        ['sendlast-report.png', ''],
        ['sendlast-report-split.png', '?view=split'],
      ] as const) {
        const shot = path.join(os.tmpdir(), name);
        fs.rmSync(shot, { force: true });
        const result = runChromium([`--screenshot=${shot}`, '--window-size=1200,900'], url + query);
        expect({ status: result.status, shot: fs.existsSync(shot) }).toEqual({ status: 0, shot: true });
        expect(pngSize(shot)).toEqual([1200, 900]);
        expect(fs.statSync(shot).size).toBeGreaterThan(20_000);
      }
    },
    120_000,
  );

  (chromium ? test : test.skip)(
    'the page Chromium builds holds the files, the transforms and the numbers; the filter and the view work',
    () => {
      const url = `file://${path.join(root, 'review.html')}`;
      const dom = runChromium(['--dump-dom'], url);
      expect(dom.status).toBe(0);
      const page = dom.stdout;
      // Set by the page's script: it ran.
      expect(page).toContain('<span class="shown" id="shown">Showing 8 of 8 files</span>');
      expect(page).toContain('<body class="view-unified">');
      expect(page).toMatch(/<b id="count-scanned">10<\/b><span>files scanned<\/span>/);
      expect(page).toMatch(/<b id="count-changed">8<\/b><span>would change<\/span>/);
      expect(page).toMatch(/<b id="count-findings">4<\/b>/);
      for (const name of ['await-then-send', 'await-floating', 'end-handler', 'respond-last', 'send-status']) expect(page).toContain(`data-filter="${name}"`);
      expect(page).toContain('examples/express-app.js');
      expect(page).toContain('made an Express route handler async');

      const filtered = runChromium(['--dump-dom'], `${url}?view=split&transforms=respond-last`).stdout;
      expect(filtered).toContain('<body class="view-split">');
      expect(filtered).toMatch(/Showing [1-7] of 8 files/);
      // node-server.mjs has only an await-then-send change: hidden.
      expect(filtered).toMatch(/<section class="file" id="file-\d+" data-transforms="await-then-send" hidden="">/);
    },
    120_000,
  );

  (chromium ? test : test.skip)(
    'the filter hides the hunks of unselected transforms, and the selection goes into the URL',
    () => {
      const url = `file://${path.join(root, 'review.html')}`;
      const filtered = runChromium(['--dump-dom'], `${url}?transforms=send-status`).stdout;
      expect(filtered).toMatch(/<tbody id="file-\d+-hunk-\d+" data-transforms="await-then-send" hidden="">/);
      expect(filtered).toMatch(/<tbody id="file-\d+-hunk-\d+" data-transforms="send-status">/);
      // Unticking a transform and choosing the split view rewrites the URL, and the site links follow the view.
      const probe = path.join(root, 'probe.html');
      fs.writeFileSync(
        probe,
        html.replace(
          '</body>',
          `<script>
            var box = document.querySelector('input[data-filter="respond-last"]');
            box.checked = false; box.dispatchEvent(new Event('change'));
            var split = document.querySelector('input[name="view"][value="split"]');
            split.checked = true; split.dispatchEvent(new Event('change'));
            document.body.setAttribute('data-search', location.search);
            document.body.setAttribute('data-link', document.querySelector('a[data-hunk]').getAttribute('href'));
          </script></body>`,
        ),
      );
      const page = runChromium(['--dump-dom'], `file://${probe}`).stdout;
      expect(page).toContain('data-search="?view=split&amp;transforms=await-then-send,await-floating,end-handler,send-status"');
      expect(page).toMatch(/data-link="#file-\d+-hunk-\d+-split"/);
    },
    120_000,
  );

  (chromium ? test : test.skip)(
    'printed: a PDF; removed and added lines told apart without colour (print rules under emulation)',
    () => {
      const pdf = path.join(root, 'review.pdf');
      const printed = runChromium([`--print-to-pdf=${pdf}`, '--no-pdf-header-footer'], `file://${path.join(root, 'review.html')}`);
      expect(printed.status).toBe(0);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
      // The print rules applied on screen (@media print -> @media all), read back from computed styles.
      const probe = path.join(root, 'print-probe.html');
      fs.writeFileSync(
        probe,
        html.replace('@media print {', '@media all {').replace(
          '</body>',
          `<script>
            var style = function (selector) { return getComputedStyle(document.querySelector(selector)); };
            document.body.setAttribute('data-print', [
              style('table.diff.unified tr.del td.code').textDecorationLine,
              style('table.diff.unified tr.add td.code').fontWeight,
              style('table.diff.unified tr.del td.code').backgroundColor,
              style('table.diff.unified tr.add td.code').borderLeftStyle,
              style('table.diff.unified tr.del td.code').borderLeftStyle,
              style('.controls').display,
              style('table.diff.split').display,
            ].join('|'));
          </script></body>`,
        ),
      );
      const page = runChromium(['--dump-dom'], `file://${probe}`).stdout;
      expect(page).toContain('data-print="line-through|700|rgba(0, 0, 0, 0)|solid|dotted|none|none"');
    },
    120_000,
  );
});
