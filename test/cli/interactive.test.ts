/**
 * `--interactive`: the review state machine driven by scripted answers (exact bytes, quitting
 * midway, sites of several transforms, withheld sites), its invariants over every fixture, the
 * terminal layer with a fake TTY, the command line in-process (fake TTY, git safety, Ctrl-C), and
 * the built binary in a real pseudo-terminal under tmux.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventEmitter } from 'node:events';
import { createColors } from 'picocolors';
import { parseCliArgs } from '../../cli/args';
import {
  mapOffsetForward,
  reviewScripted,
  ReviewInterrupted,
  runSession,
  type Answer,
  type FileReview,
  type Prompt,
  type ReviewFileInput,
  type SiteRecord,
} from '../../cli/interactive/review';
import { createRunStep, runInteractive } from '../../cli/interactive/run';
import { askAnswer, createKeyReader, interpretKey, renderPrompt, type KeyInput } from '../../cli/interactive/terminal';
import { run } from '../../cli/run/runner';
import { applyTransforms, TRANSFORM_NAMES } from '../../transforms/index';
import { getParserForPath, parseSource } from '../../transforms/lib/parse';
import { BIN, commitAll, ensureBuilt, git, runCli, runOptions, useTempTrees } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const runStep = createRunStep({ parser: 'auto', transformOptions: {} });
const ALL = TRANSFORM_NAMES;

const tree = useTempTrees();

const input = (source: string, filePath = 'handlers.js'): ReviewFileInput => ({ path: filePath, source, transforms: ALL });

/** Three handlers, one await-then-send site each: three prompts. */
const THREE = `exports.a = (req, res) => {
  return db.save(req.body, 1);
};

exports.b = (req, res) => {
  return db.save(req.body, 2);
};

exports.c = (req, res) => {
  return db.save(req.body, 3);
};
`;

/** Sites of all three transforms in one handler, and a respond-last site that overlaps await-then-send's. */
const ORDER = `const express = require('express');
const app = express();

app.post('/orders', (req, res) => {
  const order = createOrder(req.body);
  res.json(201, order);
  // notify the warehouse
  warehouse.notify(order);
  return mailer.send(order.email);
});
`;

describe('review state machine, scripted', () => {
  test('a file with three sites shows three prompts; y n y applies the first and the third', () => {
    const { reviews, prompts } = reviewScripted([input(THREE)], runStep, ['y', 'n', 'y']);
    expect(prompts.map((p) => [p.kind, p.transform, p.line])).toEqual([
      ['site', 'await-then-send', 2],
      ['site', 'await-then-send', 6],
      ['site', 'await-then-send', 10],
    ]);
    expect(prompts.map((p) => (p.kind === 'site' ? `${p.index}/${p.count}` : ''))).toEqual(['1/3', '2/3', '3/3']);
    const review = reviews[0]!;
    expect(review.output).toBe(`exports.a = async (req, res) => {
  await db.save(req.body, 1);
  res.sendStatus(200);
};

exports.b = (req, res) => {
  return db.save(req.body, 2);
};

exports.c = async (req, res) => {
  await db.save(req.body, 3);
  res.sendStatus(200);
};
`);
    expect(review.applied).toEqual(['await-then-send']);
    expect(review.accepted.map((s) => s.line)).toEqual([2, 10]);
    expect(review.rejected).toEqual([
      {
        transform: 'await-then-send',
        line: 6,
        column: 3,
        message: 'awaits the returned promise, then responds',
        after: { line: 7, column: 3 },
      },
    ]);
  });

  test('the prompt holds the diff of its own site only, with context', () => {
    const { prompts } = reviewScripted([input(THREE)], runStep, ['n', 'n', 'n']);
    const second = prompts[1]!;
    expect(second.kind).toBe('site');
    expect(second.kind === 'site' && second.hunks).toBe(
      [
        '@@ -2,8 +2,9 @@',
        '   return db.save(req.body, 1);',
        ' };',
        ' ',
        '-exports.b = (req, res) => {',
        '-  return db.save(req.body, 2);',
        '+exports.b = async (req, res) => {',
        '+  await db.save(req.body, 2);',
        '+  res.sendStatus(200);',
        ' };',
        ' ',
        ' exports.c = (req, res) => {',
        '',
      ].join('\n'),
    );
  });

  test('a applies this and every remaining site of the file; d skips them', () => {
    const accept = reviewScripted([input(THREE)], runStep, ['n', 'a']);
    expect(accept.prompts).toHaveLength(2);
    expect(accept.reviews[0]!.accepted.map((s) => s.line)).toEqual([6, 10]);
    expect(accept.reviews[0]!.output).toBe(
      THREE.replace(
        'exports.b = (req, res) => {\n  return db.save(req.body, 2);',
        'exports.b = async (req, res) => {\n  await db.save(req.body, 2);\n  res.sendStatus(200);',
      ).replace(
        'exports.c = (req, res) => {\n  return db.save(req.body, 3);',
        'exports.c = async (req, res) => {\n  await db.save(req.body, 3);\n  res.sendStatus(200);',
      ),
    );
    const skip = reviewScripted([input(THREE)], runStep, ['y', 'd']);
    expect(skip.prompts).toHaveLength(2);
    expect(skip.reviews[0]!.rejected.map((s) => s.line)).toEqual([6, 10]);
    expect(skip.reviews[0]!.output).toBe(
      THREE.replace(
        'exports.a = (req, res) => {\n  return db.save(req.body, 1);',
        'exports.a = async (req, res) => {\n  await db.save(req.body, 1);\n  res.sendStatus(200);',
      ),
    );
  });

  test('sites of later transforms are computed on the accepted text; all accepted equals --write', () => {
    const { reviews, prompts } = reviewScripted([input(ORDER)], runStep, ['y', 'y', 'y']);
    expect(prompts.map((p) => `${p.kind} ${p.transform} ${p.line}`)).toEqual(['site await-then-send 9', 'site respond-last 6', 'site send-status 6']);
    expect(reviews[0]!.output).toBe(`const express = require('express');
const app = express();

app.post('/orders', async (req, res) => {
  const order = createOrder(req.body);
  // notify the warehouse
  await warehouse.notify(order);
  await mailer.send(order.email);
  res.status(201).json(order);
});
`);
    expect(reviews[0]!.output).toBe(applyTransforms(ORDER, { path: 'order.js' }).output);
    expect(reviews[0]!.applied).toEqual(['await-then-send', 'respond-last', 'send-status']);
  });

  test('a site rejected in an earlier transform does not come back through a later one', () => {
    // await-then-send would turn the return into an await; respond-last then moves that statement.
    // Rejected, the await-then-send site keeps the return as it is, so respond-last's move (which
    // rewrites that very return) is withheld; send-status's own change of the response is offered.
    const { reviews, prompts } = reviewScripted([input(ORDER)], runStep, ['n', 'n', 'y']);
    expect(prompts.map((p) => `${p.kind} ${p.transform} ${p.line}`)).toEqual(['site await-then-send 9', 'finding respond-last 9', 'site send-status 6']);
    const review = reviews[0]!;
    expect(review.output).toBe(ORDER.replace('res.json(201, order);', 'res.status(201).json(order);'));
    expect(review.withheld).toEqual([
      {
        transform: 'respond-last',
        line: 6,
        column: 3,
        message: 'moves the work after the response before it, awaited',
        after: { line: 6, column: 3 },
      },
    ]);
    expect(review.shownFindings.map((f) => `${f.transform} ${f.line}`)).toEqual(['respond-last 9']);
  });

  test('a finding about the change itself is a note of its site, dropped when the site is rejected', () => {
    const express = `const app = require('express')();
app.post('/a', (req, res) => {
  return db.save(req.body);
});
`;
    const yes = reviewScripted([input(express)], runStep, ['y']);
    expect(yes.prompts).toHaveLength(1);
    const prompt = yes.prompts[0]!;
    expect(prompt.kind === 'site' && prompt.notes).toEqual([expect.stringMatching(/^made an Express route handler async/)]);
    expect(yes.reviews[0]!.shownFindings).toHaveLength(1);
    const no = reviewScripted([input(express)], runStep, ['n']);
    expect(no.reviews[0]!.output).toBe(express);
    expect(no.reviews[0]!.shownFindings).toEqual([]);
    expect(no.reviews[0]!.unshownFindings).toEqual([]);
  });

  test('findings are shown with the code around them and accept only n and q', () => {
    const finding = `const http = require('http');

http.createServer((req, res) => {
  res.end('bye');
  db.close();
  process.exit(0);
});
`;
    const { prompts, reviews } = reviewScripted([input(finding)], runStep, ['n']);
    expect(prompts.map((p) => `${p.kind} ${p.transform} ${p.line}:${p.column}`)).toEqual(['finding respond-last 6:3']);
    expect(prompts[0]!.kind === 'finding' && prompts[0]!.excerpt).toBe(
      ["    res.end('bye');", '    db.close();', '>   process.exit(0);', '  });', '  '].join('\n'),
    );
    expect(reviews[0]!.output).toBe(finding);
    expect(() => reviewScripted([input(finding)], runStep, ['y'])).toThrow(/not allowed for a finding/);
  });

  test('q midway: files reviewed before are finished, the current one keeps what was accepted, the rest is left', async () => {
    const files = [input(THREE, 'a.js'), input(THREE, 'b.js'), input(THREE, 'c.js')];
    const answers: Answer[] = ['y', 'y', 'n', 'y', 'q'];
    const finished: string[] = [];
    const session = await runSession(
      files,
      runStep,
      () => answers.shift()!,
      (review) => void finished.push(review.path),
    );
    expect(answers).toEqual([]);
    expect(session.quit).toBe(true);
    expect(finished).toEqual(['a.js', 'b.js']);
    const [a, b] = session.reviews as [FileReview, FileReview];
    expect(a.accepted.map((s) => s.line)).toEqual([2, 6]);
    expect(a.rejected.map((s) => s.line)).toEqual([10]);
    expect(b.accepted.map((s) => s.line)).toEqual([2]);
    expect(b.unreviewed.map((s) => s.line)).toEqual([6, 10]);
    expect(b.quit).toBe(true);
    expect(b.output).toBe(
      THREE.replace(
        'exports.a = (req, res) => {\n  return db.save(req.body, 1);',
        'exports.a = async (req, res) => {\n  await db.save(req.body, 1);\n  res.sendStatus(200);',
      ),
    );
  });

  test('Ctrl-C (ask throws) abandons the file under review', async () => {
    const finished: string[] = [];
    let asked = 0;
    const ask = () => {
      asked += 1;
      if (asked === 4) throw new ReviewInterrupted();
      return 'y' as const;
    };
    await expect(runSession([input(THREE, 'a.js'), input(THREE, 'b.js')], runStep, ask, (r) => void finished.push(r.path))).rejects.toThrow(ReviewInterrupted);
    expect(finished).toEqual(['a.js']);
  });

  test('a file whose transforms throw is recorded and the session goes on', async () => {
    const session = await runSession([input('exports.h = (req, res) => {\n  return x(;\n};\n', 'bad.js'), input(THREE, 'good.js')], runStep, () => 'y');
    expect(session.failed.map((f) => f.path)).toEqual(['bad.js']);
    expect(session.reviews.map((r) => r.path)).toEqual(['good.js']);
  });
});

describe('mapOffsetForward', () => {
  const edits = [
    { start: 2, end: 2, text: 'ab' },
    { start: 5, end: 8, text: 'x' },
  ];
  test.each([
    [0, 'left', 0],
    [2, 'left', 2],
    [2, 'right', 4],
    [3, 'left', 5],
    [5, 'left', 7],
    [5, 'right', 8],
    [6, 'left', 7],
    [6, 'right', 8],
    [8, 'left', 8],
    [8, 'right', 8],
    [10, 'left', 10],
  ] as const)('offset %d (%s) -> %d', (offset, bias, expected) => {
    expect(mapOffsetForward(edits, offset, bias)).toBe(expected);
  });
});

/** Every fixture input and example, with the path that picks its parser. */
function findInputs(): Array<{ file: string; source: string }> {
  const out: Array<{ file: string; source: string }> = [];
  const dirs = [path.join(ROOT, 'examples'), ...fs.readdirSync(path.join(ROOT, '__testfixtures__')).map((d) => path.join(ROOT, '__testfixtures__', d))];
  for (const dir of dirs) {
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!/\.[cm]?[jt]sx?$/.test(name) || name.includes('.output.')) continue;
      out.push({ file: path.relative(ROOT, path.join(dir, name)), source: fs.readFileSync(path.join(dir, name), 'utf8') });
    }
  }
  return out;
}

describe('review invariants over every fixture and example', () => {
  const inputs = findInputs().filter(({ file, source }) => {
    try {
      applyTransforms(source, { path: file });
      return true;
    } catch {
      return false;
    }
  });
  const answerAll =
    (site: Answer) =>
    (prompt: Prompt): Answer =>
      prompt.kind === 'finding' ? 'n' : site;
  const where = (r: SiteRecord, after: boolean) => `${r.transform} ${after ? `${r.after?.line}:${r.after?.column}` : `${r.line}:${r.column}`} ${r.message}`;

  test('there are inputs', () => {
    expect(inputs.length).toBeGreaterThan(50);
  });

  test('accepting every site gives what --write writes; rejecting every site changes nothing', async () => {
    for (const { file, source } of inputs) {
      const yes = await runSession([input(source, file)], runStep, answerAll('y'));
      expect({ file, output: yes.reviews[0]!.output }).toEqual({ file, output: applyTransforms(source, { path: file }).output });
      const no = await runSession([input(source, file)], runStep, answerAll('n'));
      expect({ file, output: no.reviews[0]!.output }).toEqual({ file, output: source });
    }
  }, 60_000);

  test.each([0, 1, 2])(
    'rejecting every third site (from site %d): the result parses, and a second run finds exactly the sites not applied, where they were left',
    async (phase) => {
      let checked = 0;
      for (const { file, source } of inputs) {
        let i = 0;
        const first = (await runSession([input(source, file)], runStep, (p) => (p.kind === 'finding' ? 'n' : (i++ + phase) % 3 === 0 ? 'n' : 'y'))).reviews[0]!;
        if (first.rejected.length === 0) continue;
        checked += 1;
        expect(() => parseSource(first.output, getParserForPath(file))).not.toThrow();
        const second = (await runSession([input(first.output, file)], runStep, answerAll('n'))).reviews[0]!;
        const left = [...first.rejected, ...first.withheld].map((r) => where(r, true)).sort();
        const found = [...second.rejected, ...second.withheld].map((r) => where(r, false)).sort();
        expect({ file, found }).toEqual({ file, found: left });
        expect({ file, output: second.output }).toEqual({ file, output: first.output });
      }
      expect(checked).toBeGreaterThan(10);
    },
    60_000,
  );
});

/** A stand-in for process.stdin on a terminal: delivers `keys` once resumed, records raw mode. */
class FakeTty extends EventEmitter implements KeyInput {
  isTTY = true;
  raw: boolean[] = [];
  constructor(private keys: string[] = []) {
    super();
  }
  setRawMode(mode: boolean) {
    this.raw.push(mode);
    return this;
  }
  resume() {
    const keys = this.keys;
    this.keys = [];
    setImmediate(() => {
      for (const key of keys) this.emit('data', Buffer.from(key));
    });
    return this;
  }
  pause() {
    return this;
  }
  type(...keys: string[]) {
    for (const key of keys) this.emit('data', Buffer.from(key));
  }
}

function capture() {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
    },
    text: () => text,
  };
}

describe('terminal layer', () => {
  test.each([
    ['y', 'y'],
    ['Y', 'y'],
    ['a', 'a'],
    ['?', 'help'],
    ['x', 'invalid'],
    ['\r', 'ignore'],
    ['\x1b[A', 'ignore'],
    ['\x03', 'interrupt'],
    ['\x04', 'q'],
  ])('key %j at a site prompt means %s', (key, meaning) => {
    expect(interpretKey(key, ['y', 'n', 'a', 'd', 'q'])).toBe(meaning);
  });

  test('at a finding prompt y is not an answer', () => {
    expect(interpretKey('y', ['n', 'q'])).toBe('invalid');
    expect(interpretKey('n', ['n', 'q'])).toBe('n');
  });

  test('keys typed ahead are queued one by one; raw mode is switched on and back off', async () => {
    const tty = new FakeTty();
    const reader = createKeyReader(tty);
    tty.type('yn', '\x1b[A');
    expect([await reader.read(), await reader.read(), await reader.read()]).toEqual(['y', 'n', '\x1b[A']);
    const later = reader.read();
    tty.type('q');
    expect(await later).toBe('q');
    reader.close();
    expect(tty.raw).toEqual([true, false]);
    expect(tty.listenerCount('data')).toBe(0);
  });

  const prompt = reviewScripted([input(THREE)], runStep, ['n', 'n', 'n']).prompts[0]!;

  test('the prompt: where, transform, message, diff', () => {
    expect(renderPrompt(prompt, createColors(false), { file: 2, files: 5 })).toBe(
      [
        '',
        'handlers.js:2:3 · await-then-send · change 1/3 · file 2/5',
        'awaits the returned promise, then responds',
        '@@ -1,5 +1,6 @@',
        '-exports.a = (req, res) => {',
        '-  return db.save(req.body, 1);',
        '+exports.a = async (req, res) => {',
        '+  await db.save(req.body, 1);',
        '+  res.sendStatus(200);',
        ' };',
        ' ',
        ' exports.b = (req, res) => {',
        '',
      ].join('\n'),
    );
  });

  test('? and unknown keys print the help and ask again; the answer is echoed', async () => {
    const tty = new FakeTty(['?', 'x', '\r', 'Y']);
    const reader = createKeyReader(tty);
    const out = capture();
    await expect(askAnswer(prompt, reader, out, createColors(false))).resolves.toBe('y');
    reader.close();
    const text = out.text();
    expect(text.match(/Apply this change \[y,n,a,d,q,\?\]\? /g)).toHaveLength(3);
    expect(text.match(/^a - apply this change and all the remaining ones in this file$/gm)).toHaveLength(2);
    expect(text).toContain('"x": not an answer here');
    expect(text.endsWith('? y\n')).toBe(true);
  });

  test('Ctrl-C interrupts', async () => {
    const reader = createKeyReader(new FakeTty(['\x03']));
    await expect(askAnswer(prompt, reader, capture(), createColors(false))).rejects.toThrow(ReviewInterrupted);
    reader.close();
  });
});

describe('--interactive on the command line (in-process, fake terminal)', () => {
  test('parses; refuses the modes it cannot be combined with', () => {
    expect(parseCliArgs(['--interactive', 'src'])).toMatchObject({ kind: 'run', options: { interactive: true, paths: ['src'] } });
    expect(parseCliArgs(['--interactive', '--force'])).toMatchObject({ kind: 'run', options: { interactive: true, force: true } });
    for (const other of [['--write'], ['--check'], ['--json'], ['--patch', 'x.patch'], ['--report', 'r.md']]) {
      expect(parseCliArgs(['--interactive', ...other])).toEqual({ kind: 'error', message: `--interactive cannot be used with ${other[0]}` });
    }
  });

  test('refuses with exit 2 when stdin is not a terminal, before reading anything', async () => {
    const root = tree({ 'a.js': THREE });
    for (const stdin of [undefined, Object.assign(new FakeTty(), { isTTY: false })]) {
      const result = await runCli(root, ['--interactive'], { stdin });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^sendlast: --interactive asks about each change on the terminal, but stdin is not a terminal\./);
      expect(result.stdout).toBe('');
    }
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(THREE);
  });

  test('writes the accepted sites of each file, keeps CRLF, leaves rejected code byte-identical', async () => {
    const crlf = THREE.replace(/\n/g, '\r\n');
    const root = tree({ 'a.js': THREE, 'b.js': crlf, 'plain.js': 'module.exports = 1;\n' });
    commitAll(root);
    const stdin = new FakeTty(['yny', 'n', 'a']);
    const result = await runCli(root, ['--interactive'], { stdin });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(`exports.a = async (req, res) => {
  await db.save(req.body, 1);
  res.sendStatus(200);
};

exports.b = (req, res) => {
  return db.save(req.body, 2);
};

exports.c = async (req, res) => {
  await db.save(req.body, 3);
  res.sendStatus(200);
};
`);
    expect(fs.readFileSync(path.join(root, 'b.js'), 'utf8')).toBe(
      [
        'exports.a = (req, res) => {',
        '  return db.save(req.body, 1);',
        '};',
        '',
        'exports.b = async (req, res) => {',
        '  await db.save(req.body, 2);',
        '  res.sendStatus(200);',
        '};',
        '',
        'exports.c = async (req, res) => {',
        '  await db.save(req.body, 3);',
        '  res.sendStatus(200);',
        '};',
        '',
      ].join('\r\n'),
    );
    expect(stdin.raw).toEqual([true, false]);
    expect(result.stdout).toContain('wrote a.js (2 of 3 changes applied)\n');
    expect(result.stdout).toContain('wrote b.js (2 of 3 changes applied)\n');
    expect(result.stdout.endsWith('\n4 changes applied, 2 not applied; 2 files written.\n')).toBe(true);
    expect(git(root, 'status', '--porcelain')).toBe(' M a.js\n M b.js\n');
  });

  test("--platform server: the review runs the transforms as the dry run did (work after a standalone server's response is a finding, not a change)", async () => {
    const server = [
      "const express = require('express');",
      'const app = express();',
      "app.post('/events', async (req, res) => {",
      "  res.status(202).send('queued');",
      '  await audit.record(req.body);',
      '});',
      "app.get('/stats', (req, res) => {",
      '  return stats.refresh();',
      '});',
      'app.listen(8080);',
      '',
    ].join('\n');
    const root = tree({ 'server.js': server });
    commitAll(root);
    const stdin = new FakeTty(['y', 'n']);
    const result = await runCli(root, ['--interactive', '--platform', 'server'], { stdin });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('server.js:5:3 · respond-last · finding\nleft where it is (--platform server): ');
    expect(result.stdout).not.toContain('moves the work after the response');
    expect(fs.readFileSync(path.join(root, 'server.js'), 'utf8')).toBe(
      server.replace(
        "app.get('/stats', (req, res) => {\n  return stats.refresh();",
        "app.get('/stats', async (req, res) => {\n  await stats.refresh();\n  res.sendStatus(200);",
      ),
    );
    expect(result.stdout.endsWith('\n1 change applied, 0 not applied; 1 file written.\n')).toBe(true);
  });

  test('refuses, like --write, when a file it could change has uncommitted changes; --force reviews anyway', async () => {
    const root = tree({ 'a.js': THREE });
    commitAll(root);
    fs.appendFileSync(path.join(root, 'a.js'), '// edited\n');
    const refused = await runCli(root, ['--interactive'], { stdin: new FakeTty(['y']) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing to review: 1 file has uncommitted changes and could be changed:\n  a.js\n');
    expect(refused.stderr).toContain('pass --force');
    expect(refused.stdout).toBe('');
    const forced = await runCli(root, ['--interactive', '--force'], { stdin: new FakeTty(['ydq']) });
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toMatch(/^exports\.a = async \(req, res\) => \{\n {2}await db\.save\(req\.body, 1\);/);
  });

  test('Ctrl-C: files finished are written, the one under review is not; exit 130', async () => {
    const root = tree({ 'a.js': THREE, 'b.js': THREE });
    commitAll(root);
    const result = await runCli(root, ['--interactive'], { stdin: new FakeTty(['a', 'y\x03']) });
    expect(result.code).toBe(130);
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).not.toBe(THREE);
    expect(fs.readFileSync(path.join(root, 'b.js'), 'utf8')).toBe(THREE);
    expect(result.stdout).toContain('interrupted: the file under review was left unchanged.');
  });

  test('a file changed on disk during its review is not overwritten', async () => {
    const root = tree({ 'a.js': THREE });
    const result = await run(runOptions(root));
    const out = capture();
    const err = capture();
    const outcome = await runInteractive({
      cwd: root,
      result,
      parser: 'auto',
      transformOptions: {},
      force: true,
      color: false,
      out,
      err,
      keys: new FakeTty(),
      ask: async () => {
        fs.writeFileSync(path.join(root, 'a.js'), `${THREE}// someone else\n`);
        return 'y';
      },
    });
    expect(outcome.written).toEqual([]);
    expect(outcome.errors).toBe(1);
    expect(err.text()).toBe('a.js: changed on disk since it was read; not written\n');
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(`${THREE}// someone else\n`);
  });

  test('nothing to review', async () => {
    const root = tree({ 'plain.js': 'module.exports = 1;\n' });
    const result = await runCli(root, ['--interactive'], { stdin: new FakeTty() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Nothing to review: no file would change and there are no findings.\n');
  });
});

const haveTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
if (!haveTmux) {
  console.warn('tmux is not installed: skipping the --interactive test of the built binary in a real terminal (apt-get install -y tmux)');
}

describe('the built binary', () => {
  beforeAll(() => {
    ensureBuilt();
    expect(fs.existsSync(BIN)).toBe(true);
  }, 120_000);

  test('refuses --interactive with stdin from a pipe', () => {
    const root = tree({ 'a.js': THREE });
    const result = spawnSync(process.execPath, [BIN, '--interactive'], { cwd: root, input: 'y\n', encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('stdin is not a terminal');
    expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(THREE);
  });

  (haveTmux ? test : test.skip)(
    'in a real terminal (tmux): y, n, ? then y; the files hold exactly the accepted sites',
    async () => {
      const root = tree({ 'a.js': THREE.split('\n\n').slice(0, 2).join('\n\n'), 'b.js': THREE.split('\n\n')[2]! });
      commitAll(root);
      const socket = `sendlast-test-${process.pid}`;
      const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
      const exitFile = path.join(os.tmpdir(), `${socket}.exit`);
      fs.rmSync(exitFile, { force: true });
      const command = `cd '${root}' && '${process.execPath}' '${BIN}' --interactive; echo $? > '${exitFile}'; sleep 30`;
      const screen = () => tmux('capture-pane', '-p', '-t', 'review', '-S', '-200').stdout;
      const waitFor = async (what: string, predicate: () => boolean) => {
        const until = Date.now() + 20_000;
        while (!predicate()) {
          if (Date.now() > until) throw new Error(`timed out waiting for ${what}; the screen:\n${screen()}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      const prompts = () => (screen().match(/Apply this change \[y,n,a,d,q,\?\]\?/g) ?? []).length;
      try {
        expect(tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'review', '-x', '120', '-y', '60', command).status).toBe(0);
        await waitFor('the first prompt', () => prompts() === 1);
        expect(screen()).toContain('a.js:2:3 · await-then-send · change 1/2 · file 1/2');
        tmux('send-keys', '-t', 'review', 'y');
        await waitFor('the second prompt', () => prompts() === 2);
        tmux('send-keys', '-t', 'review', 'n');
        await waitFor('the third prompt', () => prompts() === 3 && screen().includes('wrote a.js (1 of 2 changes applied)'));
        tmux('send-keys', '-t', 'review', '?');
        await waitFor('the help', () => screen().includes('d - do not apply this change nor any of the remaining ones in this file'));
        tmux('send-keys', '-t', 'review', 'y');
        await waitFor('the exit code', () => fs.existsSync(exitFile) && fs.readFileSync(exitFile, 'utf8').endsWith('\n'));
        expect(fs.readFileSync(exitFile, 'utf8')).toBe('0\n');
        expect(screen()).toContain('2 changes applied, 1 not applied; 2 files written.');
      } finally {
        tmux('kill-server');
        fs.rmSync(exitFile, { force: true });
      }
      expect(fs.readFileSync(path.join(root, 'a.js'), 'utf8')).toBe(`exports.a = async (req, res) => {
  await db.save(req.body, 1);
  res.sendStatus(200);
};

exports.b = (req, res) => {
  return db.save(req.body, 2);
};`);
      expect(fs.readFileSync(path.join(root, 'b.js'), 'utf8')).toBe(`exports.c = async (req, res) => {
  await db.save(req.body, 3);
  res.sendStatus(200);
};
`);
    },
    60_000,
  );
});
