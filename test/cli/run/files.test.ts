/**
 * Which files a run reads: globs, --include/--exclude, --files-from, --stdin; nothing matched is a
 * usage error unless allowed. And the guards around them: --write outside git, several reports,
 * "did you mean", errors before the summary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCliArgs, suggestOption, getEditDistance } from '../../../cli/args';
import { parseFileList } from '../../../cli/main';
import { BROKEN, commitAll, HANDLER, HANDLER_FIXED, PLAIN, runCli, snapshot, useTempTrees } from '../helpers';

// Each test runs the command line several times; a busy machine makes that slow.
jest.setTimeout(60_000);

const tree = useTempTrees();

/** The paths a dry run lists in its diffs. */
const changedPaths = (stdout: string) => [...stdout.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((m) => m[1]);

describe('positional globs, --include and --exclude', () => {
  const files = {
    'functions/a.js': HANDLER,
    'functions/sub/b.js': HANDLER,
    'functions/a.test.js': HANDLER,
    'functions/c.ts': HANDLER,
    'functions/ignored/d.js': HANDLER,
    'functions/.gitignore': 'ignored/\n',
    'functions/node_modules/m/e.js': HANDLER,
    'other/f.js': HANDLER,
  };

  test('a glob selects the matching files, respecting .gitignore and node_modules', async () => {
    const root = tree(files);
    const result = await runCli(root, ['functions/**/*.js']);
    expect(result.code).toBe(0);
    expect(changedPaths(result.stdout)).toEqual(['functions/a.js', 'functions/a.test.js', 'functions/sub/b.js']);
  });

  test('--include keeps, --exclude drops, both relative to the current directory', async () => {
    const root = tree(files);
    const included = await runCli(root, ['--include', 'functions/**/*.ts', '--include', 'other/*.js', '.']);
    expect(changedPaths(included.stdout)).toEqual(['functions/c.ts', 'other/f.js']);
    const excluded = await runCli(root, ['--exclude', '**/*.test.js', '--exclude', 'other/**', '.']);
    expect(changedPaths(excluded.stdout)).toEqual(['functions/a.js', 'functions/c.ts', 'functions/sub/b.js']);
    const both = await runCli(root, ['--exclude', '**/sub/**', 'functions/**/*.js']);
    expect(changedPaths(both.stdout)).toEqual(['functions/a.js', 'functions/a.test.js']);
  });

  test('nothing matched is exit 2 (a glob without a match, a directory without source files) unless allowed', async () => {
    const root = tree({ 'a.js': HANDLER, 'empty/readme.txt': 'x\n' });
    const glob = await runCli(root, ['src/**/*.js']);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toBe('sendlast: nothing to scan in "src/**/*.js" (no file matches this glob); pass --no-error-on-unmatched-pattern to allow this\n');
    const dir = await runCli(root, ['empty', 'a.js']);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('nothing to scan in empty (no file with a selected extension that is not ignored)');
    const allowed = await runCli(root, ['--no-error-on-unmatched-pattern', 'empty', 'src/**/*.js', 'a.js']);
    expect(allowed.code).toBe(0);
    expect(changedPaths(allowed.stdout)).toEqual(['a.js']);
    // A path that does not exist and is no glob stays a missing path.
    expect((await runCli(root, ['nope.js'])).stderr).toBe('sendlast: nope.js: no such file or directory\n');
  });
});

describe('--files-from', () => {
  test('newline or NUL separated, from a file or stdin; listed files are filtered by extension and patterns', async () => {
    const root = tree({ 'a.js': HANDLER, 'b.js': HANDLER, 'with space.js': HANDLER, 'README.md': '# x\n', 'c.test.js': HANDLER });
    commitAll(root);
    fs.writeFileSync(path.join(root, 'list.txt'), 'a.js\r\nREADME.md\n\nwith space.js\n');
    const fromFile = await runCli(root, ['--files-from', 'list.txt']);
    expect(fromFile.code).toBe(0);
    expect(changedPaths(fromFile.stdout)).toEqual(['a.js', 'with space.js']);

    const nul = Buffer.from('b.js\0c.test.js\0README.md\0', 'utf8');
    const fromStdin = await runCli(root, ['--files-from', '-', '--exclude', '*.test.js'], { readStdin: async () => nul });
    expect(fromStdin.code).toBe(0);
    expect(changedPaths(fromStdin.stdout)).toEqual(['b.js']);

    const empty = await runCli(root, ['--files-from', '-'], { readStdin: async () => Buffer.alloc(0) });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--files-from lists no files');
    expect((await runCli(root, ['--files-from', '-', '--no-error-on-unmatched-pattern'], { readStdin: async () => Buffer.alloc(0) })).code).toBe(0);
    expect((await runCli(root, ['--files-from', 'missing.txt'])).stderr).toBe('sendlast: cannot read --files-from missing.txt (ENOENT)\n');
    // A list in which nothing is left to scan is "nothing matched" too.
    const onlyDocs = await runCli(root, ['--files-from', '-'], { readStdin: async () => Buffer.from('README.md\n') });
    expect(onlyDocs.code).toBe(2);
    expect(onlyDocs.stderr).toContain('nothing to scan in --files-from (1 listed, none with a selected extension and not excluded)');
    expect((await runCli(root, ['--files-from', '-', '--no-error-on-unmatched-pattern'], { readStdin: async () => Buffer.from('README.md\n') })).code).toBe(0);
  });

  test('parseFileList', () => {
    expect(parseFileList('a.js\nb c.js\r\n\n')).toEqual(['a.js', 'b c.js']);
    expect(parseFileList('a.js\0line\nbreak.js\0')).toEqual(['a.js', 'line\nbreak.js']);
  });
});

describe('--stdin --stdin-filename', () => {
  test('prints the transformed text; findings on stderr; nothing written', async () => {
    const root = tree({});
    const result = await runCli(root, ['--stdin', '--stdin-filename', 'src/handler.js'], { readStdin: async () => Buffer.from(HANDLER) });
    expect(result).toMatchObject({ code: 0, stdout: HANDLER_FIXED, stderr: '' });
    expect(snapshot(root).size).toBe(0);

    const piped = "const ff = require('@google-cloud/functions-framework');\nff.http('x', (req, res) => {\n  return stream.pipe(res);\n});\n";
    const finding = await runCli(root, ['--stdin', '--stdin-filename', 'a.js', '--check'], { readStdin: async () => Buffer.from(piped) });
    expect(finding.code).toBe(1);
    expect(finding.stdout).toBe(piped);
    expect(finding.stderr).toBe('a.js:3:3: await-then-send/response-piped: returns a stream piped into the response; the stream responds, nothing to await\n');
  });

  test('--diff prints the diff; the file name picks the parser; a parse error is exit 3 with nothing on stdout', async () => {
    const root = tree({});
    const diff = await runCli(root, ['--stdin', '--stdin-filename', 'a.js', '--diff'], { readStdin: async () => Buffer.from(HANDLER) });
    expect(diff.stdout).toMatch(/^--- a\/a\.js\n\+\+\+ b\/a\.js\n@@ -1,3 \+1,4 @@\n/);
    const ts = 'export const h = (req: any, res: any): void => {\n  return save(req.body);\n};\n';
    const typed = await runCli(root, ['--stdin', '--stdin-filename', 'h.ts'], { readStdin: async () => Buffer.from(ts) });
    expect(typed.stdout).toContain('async (req: any, res: any): Promise<void> =>');
    const broken = await runCli(root, ['--stdin', '--stdin-filename', 'a.js'], { readStdin: async () => Buffer.from(BROKEN) });
    expect(broken).toMatchObject({ code: 3, stdout: '' });
    expect(broken.stderr).toMatch(/^a\.js:2:\d+: /);
    const plain = await runCli(root, ['--stdin', '--stdin-filename', 'p.js'], { readStdin: async () => Buffer.from(PLAIN) });
    expect(plain).toMatchObject({ code: 0, stdout: PLAIN });
  });

  test('usage errors', () => {
    expect(parseCliArgs(['--stdin'])).toMatchObject({ kind: 'error', message: expect.stringContaining('--stdin needs --stdin-filename') });
    expect(parseCliArgs(['--stdin', '--stdin-filename', 'a.js', 'src'])).toMatchObject({ kind: 'error' });
    expect(parseCliArgs(['--stdin', '--stdin-filename', 'a.js', '--write'])).toMatchObject({ kind: 'error', message: '--stdin cannot be used with --write' });
    expect(parseCliArgs(['--diff'])).toMatchObject({ kind: 'error' });
  });
});

describe('guards and messages', () => {
  test('--write outside a git repository refuses without --force, says why, writes nothing', async () => {
    const root = tree({ 'a.js': HANDLER });
    const refused = await runCli(root, ['--write']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing to write: 1 file that would be changed is not in a git repository:\n  a.js\n');
    expect(refused.stderr).toContain('--force');
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(HANDLER);
    const forced = await runCli(root, ['--write', '--force']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(HANDLER_FIXED);
  });

  test('several --report files in one run are all written', async () => {
    const root = tree({ 'a.js': HANDLER });
    const result = await runCli(root, ['--report', 'review.md', '--report', 'out/review.html']);
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'review.md'), 'utf8')).toContain('a.js');
    expect(fs.readFileSync(path.join(root, 'out/review.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(result.stdout).toContain('Review report written to review.md, out/review.html.');
  });

  test('an unknown option suggests the closest one', async () => {
    const root = tree({});
    const result = await runCli(root, ['--wirte']);
    expect(result).toMatchObject({ code: 2, stderr: 'sendlast: unknown option \'--wirte\' (did you mean --write?)\nRun "sendlast --help" for usage.\n' });
    expect(suggestOption('--chek')).toBe('--check');
    expect(suggestOption('--baseline-update')).toBe(null);
    expect(suggestOption('--update-basline')).toBe('--update-baseline');
    expect(suggestOption('--frobnicate')).toBe(null);
    expect(getEditDistance('write', 'wirte')).toBe(1);
  });

  test('errors are printed before the summary line', async () => {
    const root = tree({ 'a.js': HANDLER, 'bad.js': BROKEN });
    const order: string[] = [];
    const stream = (name: string) => ({ write: (chunk: string | Uint8Array) => order.push(`${name}:${String(chunk)}`) });
    const { main } = await import('../../../cli/main');
    const code = await main({ argv: [], cwd: root, env: {}, stdout: stream('out'), stderr: stream('err'), cores: 1 });
    expect(code).toBe(3);
    const errorAt = order.findIndex((chunk) => chunk.startsWith('err:bad.js:2:'));
    const summaryAt = order.findIndex((chunk) => chunk.includes('2 files scanned'));
    expect(errorAt).toBeGreaterThan(-1);
    expect(summaryAt).toBeGreaterThan(errorAt);
  });

  test('a report that cannot be written names the report, not a temporary file', async () => {
    const root = tree({ 'a.js': HANDLER, blocker: 'a file, not a folder\n' });
    const result = await runCli(root, ['--report', 'blocker/review.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/sendlast-tmp|\.tmp/);
    expect(result.stderr).toMatch(/^sendlast: cannot write the report to blocker\/review\.md: /);
  });
});
