/** Which calls of moved work get awaited: known-synchronous calls are left as they are. */
import { loadPostResponse, PRELUDE } from '../../support/post-response';
import type { NodePath } from '@babel/traverse';
import { getAsyncEditsForAwait, getAwaitEdits, isKnownSynchronousCall } from '../../../transforms/lib/awaits';
import type { FunctionNode } from '../../../transforms/lib/handlers';
import { applyEdits } from '../../../transforms/lib/edit/edits';
import { findStatementLists, getPostResponse } from '../../../transforms/lib/groups';
import { createSourceFile } from '../../../transforms/lib/source-file';

const load = loadPostResponse;

describe('isKnownSynchronousCall', () => {
  function isSync(expression: string, prelude = ''): boolean {
    const source = `${PRELUDE}${prelude}\napp.get('/', (req, res) => {\n${expression};\n});\n`;
    const file = createSourceFile(source, 'babel');
    const handler = file.handlers[0]!;
    const statement = (handler.path.get('body') as NodePath).get('body') as NodePath[];
    const call = statement[0]!.get('expression') as NodePath;
    return isKnownSynchronousCall(handler, call);
  }
  test.each<[string, boolean, string]>([
    ['console.log("x")', true, ''],
    ['console.error(e)', true, ''],
    ['JSON.stringify(x)', true, ''],
    ['Math.max(a, b)', true, ''],
    ['Object.keys(x)', true, ''],
    ['logger.info("x")', true, ''],
    ['functions.logger.warn("x")', true, ''],
    ['req.log.error(e)', true, ''],
    ['this.logger.debug(x)', true, ''],
    ['appLogger.info(x)', true, ''],
    ['res.set("a", "b")', true, ''],
    ['items.forEach(f)', true, ''],
    ['info("x")', true, `const { info } = require('firebase-functions/logger');`],
    ['parseInt(x)', true, ''],
    ['db.collection("a").add(x)', false, ''],
    ['topic.publishMessage(m)', false, ''],
    ['fetch(url)', false, ''],
    ['save(x)', false, ''],
    ['JSON.stringify(x)', false, `const JSON = makeRemoteJson();`],
    ['logger.flush()', false, ''],
  ])('%s', (expression, expected, prelude) => {
    expect(isSync(expression, prelude)).toBe(expected);
  });
});

describe('getAwaitEdits', () => {
  test.each<[string, string]>([
    ['res.send(x); db.save(x); console.log(x); await other();', 'await db.save(x); console.log(x); await other();'],
    ['res.send(x); void topic.publish(m);', 'await topic.publish(m);'],
    ['res.send(x); p.then(a).catch(b);', 'await p.then(a).catch(b);'],
    ['res.send(x); if (a) { db.save(x); }', 'if (a) { await db.save(x); }'],
    ['res.send(x); xs.map(async (i) => { i.save(); });', 'xs.map(async (i) => { i.save(); });'],
    ['res.send(x); xs.forEach((i) => i.save());', 'xs.forEach((i) => i.save());'],
    ['res.send(x); const r = db.save(x);', 'const r = db.save(x);'],
  ])('%s', (body, expected) => {
    const { source, handler, found } = load(body);
    const edits = getAwaitEdits(handler, found.work).flatMap((e) => e.edits);
    const start = found.work[0]!.node.start!;
    const end = found.work[found.work.length - 1]!.node.end!;
    const shifted = edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
    expect(applyEdits(source.slice(start, end), shifted)).toBe(expected);
  });
});

describe('getAsyncEditsForAwait', () => {
  /** The verdict for the function holding the first response group of the last statement list. */
  function verdict(code: string, parser: 'babel' | 'ts' = 'babel'): string {
    const source = `${PRELUDE}${code}\n`;
    const file = createSourceFile(source, parser);
    const handler = file.handlers[0]!;
    const lists = findStatementLists(handler);
    const found = getPostResponse(handler, lists[lists.length - 1]!.statements)!;
    const fn = found.responders[0]!.getFunctionParent() as NodePath<FunctionNode>;
    const result = getAsyncEditsForAwait(handler, fn, source);
    return 'reason' in result ? `reason: ${result.reason}` : applyEdits(source, result.edits).slice(PRELUDE.length).trim();
  }
  test.each<[string, string, string]>([
    ['handler', `app.get('/', (req, res) => { res.send(x); a(); });`, `app.get('/', async (req, res) => { res.send(x); a(); });`],
    ['already async', `app.get('/', async (req, res) => { res.send(x); a(); });`, `app.get('/', async (req, res) => { res.send(x); a(); });`],
    [
      'then callback',
      `app.get('/', (req, res) => { p.then((d) => { res.send(d); a(); }); });`,
      `app.get('/', (req, res) => { p.then(async (d) => { res.send(d); a(); }); });`,
    ],
    [
      'catch callback',
      `app.get('/', (req, res) => { p.catch(function (e) { res.end(); a(); }); });`,
      `app.get('/', (req, res) => { p.catch(async function (e) { res.end(); a(); }); });`,
    ],
    [
      'node-style callback',
      `app.get('/', (req, res) => { fs.readFile(f, (e, d) => { res.send(d); a(); }); });`,
      'reason: the callback cannot be made async without changing what its caller gets back',
    ],
    [
      'event listener',
      `app.get('/', (req, res) => { req.on('end', () => { res.end(); a(); }); });`,
      'reason: the callback cannot be made async without changing what its caller gets back',
    ],
  ])('%s', (_name, code, expected) => {
    expect(verdict(code)).toBe(expected);
  });

  test('a return type that cannot become a Promise', () => {
    expect(verdict(`app.get('/', (req: any, res: any): number => { res.send(x); a(); return 1; });`, 'ts')).toBe(
      'reason: the function cannot be made async (its return type "number" would have to become a Promise)',
    );
  });
});
