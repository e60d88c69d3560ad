/** Response groups, post-response work and "responds on every path", table-tested on handler bodies. */
import { findRedundantEnds, findStatementLists, getCompletion, getPostResponse, isRespondedBefore } from '../../../transforms/lib/groups';
import { createSourceFile } from '../../../transforms/lib/source-file';
import type { Handler } from '../../../transforms/lib/handlers';
import { setupMarkedHandler } from '../../support/marked-handler';

function load(body: string): { handler: Handler; source: string } {
  const source = `exports.h = async (req, res, next) => {\n${body}\n};\n`;
  const file = createSourceFile(source, 'babel');
  const handler = file.handlers[0];
  if (!handler) throw new Error('no handler');
  return { handler, source };
}

/** The first post-response work of the handler body: "kind | responders | work | terminator". */
function post(body: string): string | null {
  const { handler, source } = load(body);
  const text = (node: { start?: number | null; end?: number | null }) => source.slice(node.start!, node.end!);
  const list = findStatementLists(handler)[0]!;
  const found = getPostResponse(handler, list.statements);
  if (!found) return null;
  return [
    found.kind,
    found.responders.map((p) => text(p.node)).join(' '),
    found.work.map((p) => text(p.node)).join(' '),
    found.terminator ? text(found.terminator.node) : '-',
  ].join(' | ');
}

describe('getPostResponse', () => {
  test.each<[string, string, string | null]>([
    ['single response and work', `res.send(x); log();`, 'group | res.send(x); | log(); | -'],
    ['group of two', `res.send(x); res.end(); log();`, 'group | res.send(x); res.end(); | log(); | -'],
    ['chain', `res.status(201).set(h).json(x); a(); b();`, 'group | res.status(201).set(h).json(x); | a(); b(); | -'],
    ['awaited response', `await res.json(x); a();`, 'group | await res.json(x); | a(); | -'],
    ['work up to return;', `res.send(x); a(); return; b();`, 'group | res.send(x); | a(); | return;'],
    ['work up to return value', `res.send(x); a(); return p;`, 'group | res.send(x); | a(); | return p;'],
    ['trailing function declarations are not work', `res.send(x); function f() {}`, 'group | res.send(x); |  | -'],
    ['responds last already', `await save(); res.send(x);`, 'group | res.send(x); |  | -'],
    ['status alone is not a response', `res.status(200); a();`, null],
    ['write is not a response', `res.write(x); a();`, null],
    ['early return with a response', `if (!ok) { res.status(400).send(); return; } a();`, null],
    [
      'every path: try/catch',
      `try { res.json(await get()); } catch (e) { res.status(500).send(); } await cleanup();`,
      'every-path | try { res.json(await get()); } catch (e) { res.status(500).send(); } | await cleanup(); | -',
    ],
    ['every path: if/else', `if (a) res.send(1); else { res.send(2); } log();`, 'every-path | if (a) res.send(1); else { res.send(2); } | log(); | -'],
    ['some paths only', `if (a) res.send(1); log();`, null],
    ['unreachable after return', `return; res.send(x); log();`, null],
  ])('%s', (_name, body, expected) => {
    expect(post(body)).toBe(expected);
  });

  test('a shadowing res is not the handler response', () => {
    const { handler } = load(`get(url, (error, res) => { res.send(x); log(); });`);
    const lists = findStatementLists(handler);
    expect(lists.map((l) => getPostResponse(handler, l.statements))).toEqual([null, null]);
  });

  test('switch case clauses are statement lists', () => {
    const { handler } = load(`switch (a) { case 1: res.send(x); log(); break; }`);
    const lists = findStatementLists(handler);
    expect(lists.map((l) => l.owner.type)).toEqual(['BlockStatement', 'SwitchCase']);
    const found = getPostResponse(handler, lists[1]!.statements);
    expect(found?.work.map((p) => p.type)).toEqual(['ExpressionStatement']);
    expect(found?.terminator?.type).toBe('BreakStatement');
  });
});

describe('getCompletion', () => {
  test.each<[string, string, string]>([
    ['response', `res.send(x);`, 'responded'],
    ['return', `return;`, 'abrupt'],
    ['if without else', `if (a) res.send(x);`, 'open'],
    ['if/else both respond', `if (a) res.send(x); else res.json(y);`, 'responded'],
    ['if responds, else returns', `if (a) res.send(x); else return;`, 'responded'],
    ['both return', `if (a) return; else throw e;`, 'abrupt'],
    ['try/catch', `try { res.json(r); } catch (e) { res.status(500).end(); }`, 'responded'],
    ['catch does not respond', `try { res.json(r); } catch (e) { log(e); }`, 'open'],
    ['finally responds', `try { a(); } finally { res.end(); }`, 'responded'],
    ['try/finally', `try { res.json(r); } finally { log(); }`, 'responded'],
    ['loop', `for (;;) { res.send(x); }`, 'open'],
    ['labeled block', `l: { res.send(x); }`, 'responded'],
  ])('%s', (_name, body, expected) => {
    const { handler } = load(body);
    const statement = findStatementLists(handler)[0]!.statements[0]!;
    expect(getCompletion(handler, statement)).toBe(expected);
  });
});

describe('findRedundantEnds', () => {
  test.each<[string, string, string[]]>([
    ['after send', `res.send(x); res.end();`, ['res.end();']],
    ['after a json chain', `res.status(201).json(x); res.end();`, ['res.end();']],
    ['after sendStatus, twice', `res.sendStatus(204); res.end(); res.end();`, ['res.end();', 'res.end();']],
    ['after write: needed', `res.write(x); res.end();`, []],
    ['after sendFile: not redundant', `res.sendFile(p); res.end();`, []],
    ['with data', `res.send(x); res.end('y');`, []],
    ['not in the same group', `res.send(x); log(); res.end();`, []],
    ['alone', `res.end();`, []],
  ])('%s', (_name, body, expected) => {
    const { handler, source } = load(body);
    expect(findRedundantEnds(handler).map((e) => source.slice(e.statement.start!, e.statement.end!))).toEqual(expected);
  });
});

const setup = setupMarkedHandler;

describe('isRespondedBefore', () => {
  test.each([
    ['res.send(1);\n  /*@*/return p;', true],
    ['res.send(1);\n  if (a) {\n    /*@*/return p;\n  }', true],
    ['if (a) res.send(1);\n  /*@*/return p;', false],
    ['/*@*/return p;\n  res.send(1);', false],
    ['cb(() => { res.send(1); });\n  /*@*/return p;', false],
  ])('%s', (body, expected) => {
    const { handler, path } = setup(`  ${body}`);
    expect(isRespondedBefore(handler, path)).toBe(expected);
  });
});
