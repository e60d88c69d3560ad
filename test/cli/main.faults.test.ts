/**
 * Faults and bad input (sendlast is trusted with a whole repository): for each, the exact message and exit code users see, and that no
 * file is lost, half-written or written when it should not be. Most tests run the command line
 * in-process (main()); faults the operating system will not produce on demand (a full disk, EIO,
 * a file edited between read and write) go through the runner with an injected fs layer
 * (RunHooks.fs) and are rendered by the same functions main() uses; Ctrl-C spawns the built binary.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCliArgs } from '../../cli/args';
import { getExitCode } from '../../cli/main';
import { renderText, type JsonReport } from '../../cli/output/render';
import { run, type RunHooks } from '../../cli/run/runner';
import type { WriteFs } from '../../cli/run/write';
import { transforms, type TransformDefinition } from '../../transforms/index';
import { parseSource } from '../../transforms/lib/parse';
import { BIN, BROKEN, ensureBuilt, HANDLER, HANDLER_FIXED, PLAIN, runCli, runOptions, snapshot, useTempTrees, stripTime } from './helpers';

// The Ctrl-C test spawns the built binary: `npm test` builds first; build here when dist/ is stale.
beforeAll(ensureBuilt, 120_000);

const tree = useTempTrees();

const read = (root: string, name: string) => fs.readFileSync(path.join(root, name));
/** A summary line without its time. */
const summary = (scanned: number, changed: number, unchanged: number, errors: number, skipped = 0) =>
  `${scanned} file${scanned === 1 ? '' : 's'} scanned: ${changed} changed, ${unchanged} unchanged, 0 findings, ` +
  `${errors} error${errors === 1 ? '' : 's'}${skipped > 0 ? `, ${skipped} skipped` : ''} (TIME)`;

/** `sendlast --write` through the runner with `hooks`: what main() prints and returns for it. */
async function writeWithHooks(root: string, hooks: RunHooks) {
  const parsed = parseCliArgs(['--write', '--force']);
  if (parsed.kind !== 'run') throw new Error('unexpected arguments');
  const result = await run(runOptions(root, { write: true, force: true }), hooks);
  const text = renderText(result, { mode: 'write', color: false, quiet: false, verbose: false, diffs: true });
  return { code: getExitCode(result, parsed.options), stdout: stripTime(text.report + text.summary), stderr: text.diagnostics };
}

const errno = (code: string, syscall: string) => Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall });

/**
 * node:fs for writeFileAtomic with some calls replaced. `make` gets `target(fd)`: the base name of
 * the file a temporary file descriptor is being written for.
 */
function fsLayer(make: (target: (fd: number) => string) => Partial<WriteFs>): WriteFs {
  const targets = new Map<number, string>();
  const openSync = ((file: string, flags: string, mode?: number) => {
    const fd = fs.openSync(file, flags, mode);
    targets.set(fd, path.basename(file).replace(/^\.(.*)\.[0-9a-f]+\.sendlast-tmp$/, '$1'));
    return fd;
  }) as WriteFs['openSync'];
  return { ...fs, openSync, ...make((fd) => targets.get(fd) ?? '') };
}

/**
 * Make `dir` refuse new files. chmod 0555 is enough for a normal user, but root ignores it (tests
 * often run as root): then `chattr +i` where the file system and capabilities allow it, else an fs
 * layer that fails the way the kernel does for a normal user (EACCES).
 */
function lockDirectory(dir: string): { how: string; code: string; fs?: WriteFs; undo(): void } {
  const refusesFiles = () => {
    const probe = path.join(dir, '.probe');
    try {
      fs.writeFileSync(probe, '');
    } catch {
      return true;
    }
    fs.unlinkSync(probe);
    return false;
  };
  fs.chmodSync(dir, 0o555);
  if (refusesFiles()) return { how: 'chmod 0555', code: 'EACCES', undo: () => fs.chmodSync(dir, 0o755) };
  fs.chmodSync(dir, 0o755);
  const unlock = () => void spawnSync('chattr', ['-i', dir]);
  if (spawnSync('chattr', ['+i', dir]).status === 0) {
    if (refusesFiles()) return { how: 'chattr +i', code: 'EPERM', undo: unlock };
    unlock();
  }
  const openSync = ((file: string, flags: string, mode?: number) => {
    if (path.dirname(file) === dir) throw errno('EACCES', 'open');
    return fs.openSync(file, flags, mode);
  }) as WriteFs['openSync'];
  return { how: 'fs layer', code: 'EACCES', fs: fsLayer(() => ({ openSync })), undo() {} };
}

test('a file that does not parse: path:line:column on stderr, the other files still fixed, exit 3', async () => {
  const root = tree({ 'a.js': HANDLER, 'bad.js': BROKEN, 'z.ts': HANDLER });
  const result = await runCli(root, ['--write', '--force']);
  expect(result.code).toBe(3);
  expect(result.stderr).toBe('bad.js:2:26: Unexpected token\n');
  expect(stripTime(result.stdout)).toBe(
    ['fixed a.js (await-then-send)', 'fixed z.ts (await-then-send)', '', summary(3, 2, 0, 1), '2 files written.', ''].join('\n'),
  );
  expect(read(root, 'bad.js').toString()).toBe(BROKEN);
  expect(read(root, 'a.js').toString()).toBe(HANDLER_FIXED);
  expect(read(root, 'z.ts').toString()).toBe(HANDLER_FIXED);

  const json = await runCli(root, ['--json']);
  expect(json.code).toBe(3);
  const report = JSON.parse(json.stdout) as JsonReport;
  expect(report.files).toEqual([
    { path: 'bad.js', status: 'error', transforms: [], findings: [], error: { message: 'Unexpected token', line: 2, column: 26 } },
  ]);
});

test('not UTF-8, binary, empty, BOM, CRLF and mixed line endings: every byte preserved by --write', async () => {
  const latin1 = (text: string) => Buffer.concat([Buffer.from(text), Buffer.from('// caf\xe9 cr\xe8me\n', 'latin1')]);
  const binary = Buffer.concat([Buffer.from(HANDLER), Buffer.from([0, 0xff, 0x10, 0x80])]);
  const mixed = 'exports.handler = (req, res) => {\r\n  return Promise.resolve(req.body);\n};\r\n// tail\n';
  const files = {
    'latin1.js': latin1(HANDLER),
    'binary.js': binary,
    'empty.js': '',
    'bom.js': `\ufeff${HANDLER}`,
    'crlf.js': HANDLER.replace(/\n/g, '\r\n'),
    'mixed.js': mixed,
  };
  const root = tree(files);
  const result = await runCli(root, ['--write', '--force', '--verbose']);
  expect(result.code).toBe(0);
  expect(stripTime(result.stdout)).toBe(
    [
      ...['bom.js', 'crlf.js', 'latin1.js', 'mixed.js'].map((name) => `fixed ${name} (await-then-send)`),
      '',
      summary(5, 4, 1, 0, 1),
      '4 files written.',
      '',
    ].join('\n'),
  );
  expect(result.stderr).toContain('skipped binary.js: binary file\n');

  expect(read(root, 'latin1.js')).toEqual(latin1(HANDLER_FIXED));
  expect(read(root, 'binary.js')).toEqual(binary);
  expect(read(root, 'empty.js')).toEqual(Buffer.alloc(0));
  expect(read(root, 'bom.js')).toEqual(Buffer.from(`\ufeff${HANDLER_FIXED}`));
  expect(read(root, 'crlf.js')).toEqual(Buffer.from(HANDLER_FIXED.replace(/\n/g, '\r\n')));
  // Every untouched line keeps its own ending; an added line takes the ending of the line above it.
  expect(read(root, 'mixed.js').toString()).toBe(
    'exports.handler = async (req, res) => {\r\n  await Promise.resolve(req.body);\n  res.sendStatus(200);\n};\r\n// tail\n',
  );
  expect(fs.readdirSync(root).sort()).toEqual(Object.keys(files).sort());

  const before = snapshot(root);
  expect((await runCli(root, ['--write', '--force'])).code).toBe(0);
  expect(snapshot(root)).toEqual(before);
});

test('a 5 MB generated file: skipped with a --verbose note by default, processed with a larger --max-size', async () => {
  const line = '// generated: a long comment line, as in a data table or a vendored file of code\n';
  const filler = line.repeat(Math.ceil((5.2 * 1024 * 1024) / line.length));
  const root = tree({ 'big.js': filler + HANDLER, 'a.js': HANDLER });
  expect(fs.statSync(path.join(root, 'big.js')).size).toBeGreaterThan(5 * 1024 * 1024);

  const skipped = await runCli(root, ['--write', '--force', '--verbose']);
  expect(skipped.code).toBe(0);
  expect(skipped.stderr).toContain('skipped big.js: larger than --max-size (5.2 MB)\n');
  expect(stripTime(skipped.stdout)).toBe(['fixed a.js (await-then-send)', '', summary(1, 1, 0, 0, 1), '1 file written.', ''].join('\n'));
  expect(read(root, 'big.js').toString()).toBe(filler + HANDLER);
  expect((await runCli(root, ['--write', '--force'])).stderr).toBe('');

  const processed = await runCli(root, ['--write', '--force', '--max-size', '6MB', 'big.js']);
  expect(processed.code).toBe(0);
  expect(stripTime(processed.stdout)).toBe(['fixed big.js (await-then-send)', '', summary(1, 1, 0, 0), '1 file written.', ''].join('\n'));
  expect(read(root, 'big.js').toString()).toBe(filler + HANDLER_FIXED);
}, 30_000);

test('a file removed or changed on disk between read and write is not overwritten, and is reported', async () => {
  const root = tree({ 'a.js': HANDLER, 'b.js': HANDLER, 'c.js': HANDLER, 'd.js': HANDLER });
  const edited = `${HANDLER}// edited meanwhile\n`;
  const file = (name: string) => path.join(root, name);
  const layer = fsLayer((target) => ({
    // Before writing starts on the file...
    statSync: ((name: string) => {
      if (path.basename(name) === 'b.js') fs.rmSync(name);
      return fs.statSync(name);
    }) as WriteFs['statSync'],
    // ...and once the new text sits in the temporary file, just before the rename.
    closeSync: (fd: number) => {
      fs.closeSync(fd);
      if (target(fd) === 'c.js') fs.writeFileSync(file('c.js'), edited);
      if (target(fd) === 'd.js') fs.rmSync(file('d.js'));
    },
  }));
  const result = await writeWithHooks(root, { fs: layer });
  expect(result.code).toBe(3);
  expect(result.stderr).toBe(
    [
      'b.js: removed on disk since it was read; not written',
      'c.js: changed on disk since it was read; not written',
      'd.js: removed on disk since it was read; not written',
      '',
    ].join('\n'),
  );
  expect(result.stdout).toBe(['fixed a.js (await-then-send)', '', summary(4, 1, 0, 3), '1 file written.', ''].join('\n'));
  expect(read(root, 'a.js').toString()).toBe(HANDLER_FIXED);
  expect(read(root, 'c.js').toString()).toBe(edited);
  // Removed files stay removed, and no temporary file is left behind.
  expect(fs.readdirSync(root).sort()).toEqual(['a.js', 'c.js']);
});

test('a read-only file and a read-only directory: reported, the other files written', async () => {
  const root = tree({ 'ro.js': HANDLER, 'locked/a.js': HANDLER, 'ok.js': HANDLER });
  // A rename replaces a read-only file as easily as any other: the runner has to check (also as root).
  fs.chmodSync(path.join(root, 'ro.js'), 0o444);
  const locked = lockDirectory(path.join(root, 'locked'));
  let result: Awaited<ReturnType<typeof writeWithHooks>> | undefined;
  try {
    result = await writeWithHooks(root, { fs: locked.fs });
    expect(fs.readdirSync(path.join(root, 'locked'))).toEqual(['a.js']);
  } finally {
    locked.undo();
  }
  expect(result.code).toBe(3);
  expect(result.stderr).toBe([`locked/a.js: cannot write file (${locked.code}); left unchanged`, 'ro.js: read-only file; not written', ''].join('\n'));
  expect(result.stdout).toBe(['fixed ok.js (await-then-send)', '', summary(3, 1, 0, 2), '1 file written.', ''].join('\n'));
  expect(read(root, 'ro.js').toString()).toBe(HANDLER);
  expect(fs.statSync(path.join(root, 'ro.js')).mode & 0o777).toBe(0o444);
  expect(read(root, 'locked/a.js').toString()).toBe(HANDLER);
  expect(read(root, 'ok.js').toString()).toBe(HANDLER_FIXED);
  expect(fs.readdirSync(root).sort()).toEqual(['locked', 'ok.js', 'ro.js']);
});

test('a write that fails halfway (disk full, EIO) leaves the original intact and no temporary file', async () => {
  const root = tree({ 'a.js': HANDLER, 'b.js': HANDLER, 'c.js': HANDLER, 'd.js': HANDLER });
  let halfWritten = false;
  const layer = fsLayer((target) => ({
    // a.js: the disk fills up: a short write, then ENOSPC.
    writeSync: ((fd: number, buffer: Buffer, offset: number, length: number) => {
      if (target(fd) !== 'a.js') return fs.writeSync(fd, buffer, offset, length);
      if (halfWritten) throw errno('ENOSPC', 'write');
      halfWritten = true;
      return fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
    }) as WriteFs['writeSync'],
    // b.js: the data cannot be flushed (EIO on close).
    closeSync: (fd: number) => {
      const name = target(fd);
      fs.closeSync(fd);
      if (name === 'b.js') throw errno('EIO', 'close');
    },
    // c.js: the rename fails.
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (path.basename(String(to)) === 'c.js') throw errno('EIO', 'rename');
      fs.renameSync(from, to);
    },
  }));
  const result = await writeWithHooks(root, { fs: layer });
  expect(halfWritten).toBe(true);
  expect(result.code).toBe(3);
  expect(result.stderr).toBe(
    [
      'a.js: cannot write file (ENOSPC); left unchanged',
      'b.js: cannot write file (EIO); left unchanged',
      'c.js: cannot write file (EIO); left unchanged',
      '',
    ].join('\n'),
  );
  expect(result.stdout).toBe(['fixed d.js (await-then-send)', '', summary(4, 1, 0, 3), '1 file written.', ''].join('\n'));
  for (const name of ['a.js', 'b.js', 'c.js']) expect(read(root, name).toString()).toBe(HANDLER);
  expect(read(root, 'd.js').toString()).toBe(HANDLER_FIXED);
  expect(fs.readdirSync(root).sort()).toEqual(['a.js', 'b.js', 'c.js', 'd.js']);
});

test('Ctrl-C during --write on a large tree: every file old or new, all parse, a re-run finishes the job', async () => {
  const count = 2000;
  const name = (i: number) => `pkg${i % 10}/handler${String(i).padStart(4, '0')}.js`;
  const oldText = (i: number) => HANDLER.replace('Promise.resolve()', `Promise.resolve(${i})`);
  const newText = (i: number) => HANDLER_FIXED.replace('Promise.resolve()', `Promise.resolve(${i})`);
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[name(i)] = oldText(i);
  const root = tree(files);
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };

  // Files are written in path order: the first one changing means writing has started.
  const first = path.join(root, name(0));
  const child = spawn(process.execPath, [BIN, '--write', '--force', '.'], { cwd: root, env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  let signalled = false;
  const poll = setInterval(() => {
    if (!signalled && fs.readFileSync(first, 'utf8') !== oldText(0)) {
      signalled = true;
      child.kill('SIGINT');
    }
  }, 1);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);

  expect(signalled).toBe(true);
  expect(code).toBe(130);
  const reported = /^interrupted: (\d+) files? written, the others left unchanged$/m.exec(stderr);
  expect(reported).not.toBeNull();
  const written = Number(reported?.[1]);
  expect(written).toBeGreaterThan(0);
  expect(written).toBeLessThan(count);

  const neither: string[] = [];
  const unparsable: string[] = [];
  let fresh = 0;
  for (let i = 0; i < count; i++) {
    const text = fs.readFileSync(path.join(root, name(i)), 'utf8');
    if (text === newText(i)) fresh += 1;
    else if (text !== oldText(i)) neither.push(name(i));
    try {
      parseSource(text, 'babel');
    } catch {
      unparsable.push(name(i));
    }
  }
  expect(neither).toEqual([]);
  expect(unparsable).toEqual([]);
  expect(fresh).toBe(written);
  expect(snapshot(root).size).toBe(count); // no temporary files

  const again = spawnSync(process.execPath, [BIN, '--write', '--force', '.'], { cwd: root, env, encoding: 'utf8' });
  expect(again.stderr).toBe('');
  expect(again.status).toBe(0);
  expect(again.stdout).toContain(`\n${count - written} files written.\n`);
  for (let i = 0; i < count; i++) {
    if (fs.readFileSync(path.join(root, name(i)), 'utf8') !== newText(i)) neither.push(name(i));
  }
  expect(neither).toEqual([]);
  expect(snapshot(root).size).toBe(count);
}, 60_000);

test('symlink loops and symlinks pointing outside the given roots are not followed', async () => {
  const outside = tree({ 'secret.js': HANDLER, 'lib/b.js': HANDLER });
  const root = tree({ 'src/a.js': HANDLER });
  fs.symlinkSync('..', path.join(root, 'src/loop'));
  fs.symlinkSync(root, path.join(root, 'src/self'));
  fs.symlinkSync(path.join(outside, 'lib'), path.join(root, 'src/lib'));
  fs.symlinkSync(path.join(outside, 'secret.js'), path.join(root, 'src/secret.js'));
  fs.symlinkSync('a.js', path.join(root, 'src/alias.js'));
  const outsideBefore = snapshot(outside);

  const result = await runCli(root, ['--write', '--force', '--verbose']);
  expect(result.code).toBe(0);
  expect(stripTime(result.stdout)).toBe(['fixed src/a.js (await-then-send)', '', summary(1, 1, 0, 0), '1 file written.', ''].join('\n'));
  expect(result.stderr).toContain('skipped src/lib: symlink points outside the given paths\n');
  expect(result.stderr).toContain('skipped src/secret.js: symlink points outside the given paths\n');
  expect(snapshot(outside)).toEqual(outsideBefore);
  expect(read(root, 'src/a.js').toString()).toBe(HANDLER_FIXED);
  for (const link of ['loop', 'self', 'lib', 'secret.js', 'alias.js']) {
    expect(fs.lstatSync(path.join(root, 'src', link)).isSymbolicLink()).toBe(true);
  }
});

test('paths with spaces, unicode and leading dashes (after -- or as ./-x.js)', async () => {
  const names = ['-x.js', 'with space/a b.js', 'ünï/çà.js'];
  const root = tree(Object.fromEntries(names.map((name) => [name, HANDLER])));

  const dry = await runCli(root, ['--', ...names]);
  expect(dry.code).toBe(0);
  for (const name of names) expect(dry.stdout).toContain(`--- a/${name}\n+++ b/${name}\n@@ -1,3 +1,4 @@\n`);

  // Without -- or ./, a leading dash is an option: a usage error, nothing written.
  const dashed = await runCli(root, ['--write', '--force', '-x.js']);
  expect(dashed.code).toBe(2);
  expect(dashed.stderr).toBe('sendlast: unknown option \'-x\'\nRun "sendlast --help" for usage.\n');
  expect(read(root, '-x.js').toString()).toBe(HANDLER);

  const dotted = await runCli(root, ['--write', '--force', './-x.js']);
  expect(dotted.code).toBe(0);
  expect(stripTime(dotted.stdout)).toBe(['fixed -x.js (await-then-send)', '', summary(1, 1, 0, 0), '1 file written.', ''].join('\n'));

  const written = await runCli(root, ['--write', '--force', '--', 'with space', 'ünï/çà.js']);
  expect(written.code).toBe(0);
  expect(stripTime(written.stdout)).toBe(
    ['fixed with space/a b.js (await-then-send)', 'fixed ünï/çà.js (await-then-send)', '', summary(2, 2, 0, 0), '2 files written.', ''].join('\n'),
  );
  for (const name of names) expect(read(root, name).toString()).toBe(HANDLER_FIXED);
});

test('a path that does not exist: exit 2, a clear message, nothing processed or written', async () => {
  const root = tree({ 'a.js': HANDLER });
  const before = snapshot(root);
  const result = await runCli(root, ['--write', '--force', 'a.js', 'no such/dir']);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe('sendlast: no such/dir: no such file or directory\n');
  expect(result.stdout).toBe('');
  expect(snapshot(root)).toEqual(before);
});

test('a --respond template that does not parse as a statement: exit 2, a clear message, nothing written', async () => {
  const root = tree({ 'a.js': HANDLER });
  const before = snapshot(root);
  const unparsable = await runCli(root, ['--write', '--force', '--respond', 'res.send(']);
  expect(unparsable.code).toBe(2);
  expect(unparsable.stderr).toBe('sendlast: --respond "res.send(" does not parse as a statement: Unexpected token\nRun "sendlast --help" for usage.\n');
  expect(unparsable.stdout).toBe('');
  const notAStatement = await runCli(root, ['--write', '--force', '--respond', 'if (ok) res.end()']);
  expect(notAStatement.code).toBe(2);
  expect(notAStatement.stderr).toBe(
    'sendlast: --respond "if (ok) res.end()" must be a single expression statement, such as "res.status(204).end()"\n' + 'Run "sendlast --help" for usage.\n',
  );
  expect(snapshot(root)).toEqual(before);
});

test('a --respond template that parses but does not respond: exit 2, a clear message, nothing written', async () => {
  const root = tree({ 'a.js': HANDLER });
  const before = snapshot(root);
  const examples = '"res.sendStatus(204)", "res.status(204).end()" or "res.json({ ok: true })"';
  for (const template of ["console.log('res')", 'res', 'foo(res)', 'res.headersSent']) {
    const result = await runCli(root, ['--write', '--force', '--respond', template]);
    expect({ template, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      template,
      code: 2,
      stdout: '',
      stderr: `sendlast: --respond "${template}" must call a method of the response "res", such as ${examples}\nRun "sendlast --help" for usage.\n`,
    });
  }
  const noEnd = await runCli(root, ['--write', '--force', '--respond', 'res.status(204)']);
  expect(noEnd.code).toBe(2);
  expect(noEnd.stderr).toMatch(
    /^sendlast: --respond "res\.status\(204\)" must end the response: its last call, status\(\), sends nothing; end with send, json, /,
  );
  const twoStatements = await runCli(root, ['--write', '--force', '--respond', 'res.status(204); res.end()']);
  expect(twoStatements.code).toBe(2);
  expect(twoStatements.stderr).toMatch(/must be a single expression statement/);
  expect(snapshot(root)).toEqual(before);
  // An accepted template is written as given, renamed to the handler's response.
  const accepted = await runCli(root, ['--respond', 'res.json({ ok: true });']);
  expect(accepted.code).toBe(0);
  expect(accepted.stdout).toContain('+  res.json({ ok: true });\n');
});

test('a transform throwing on one file: that file reported with the transform name, the run continues', async () => {
  const definition = transforms.get('respond-last') as TransformDefinition;
  const original = definition.run;
  const spy = jest.spyOn(definition, 'run').mockImplementation((file, options) => {
    if (file.source.includes('// explode')) throw new Error('simulated bug');
    return original(file, options);
  });
  const exploding = `${HANDLER}// explode\n`;
  const root = tree({ 'a.js': HANDLER, 'b.js': exploding, 'c.js': HANDLER, 'plain.js': PLAIN });
  try {
    const result = await runCli(root, ['--write', '--force']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('b.js: respond-last: simulated bug\n');
    expect(stripTime(result.stdout)).toBe(
      ['fixed a.js (await-then-send)', 'fixed c.js (await-then-send)', '', summary(4, 2, 1, 1), '2 files written.', ''].join('\n'),
    );
    expect(spy).toHaveBeenCalled();
  } finally {
    spy.mockRestore();
  }
  expect(read(root, 'a.js').toString()).toBe(HANDLER_FIXED);
  expect(read(root, 'b.js').toString()).toBe(exploding);
  expect(read(root, 'c.js').toString()).toBe(HANDLER_FIXED);
});
