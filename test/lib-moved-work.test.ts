/** Judging post-response work: hazards of moving it, known-synchronous calls, which calls get awaited. */
import { findStatementLists, getPostResponse } from '../transforms/lib/groups';
import { findMoveHazard, getAwaitEdits, isKnownSynchronousCall } from '../transforms/lib/moved-work';
import { createSourceFile } from '../transforms/lib/source-file';
import { applyEdits } from '../transforms/lib/edits';
import type { NodePath } from '@babel/traverse';

const PRELUDE = `const express = require('express');\nconst app = express();\n`;

function load(body: string) {
  const source = `${PRELUDE}app.get('/', async (req, res, next) => {\n${body}\n});\n`;
  const file = createSourceFile(source, 'babel');
  const handler = file.handlers[0]!;
  const list = findStatementLists(handler)[0]!;
  const found = getPostResponse(handler, list.statements);
  if (!found) throw new Error('no post-response work');
  return { source, handler, found };
}

/** "kind: reason @ text of the node" or null. */
function hazard(body: string): string | null {
  const { source, handler, found } = load(body);
  const result = findMoveHazard(handler, source, found.responders, found.work);
  return result ? `${result.kind}: ${result.reason} @ ${source.slice(result.node.start!, result.node.end!)}` : null;
}

describe('findMoveHazard', () => {
  test.each<[string, string, string | null]>([
    ['plain work', `const data = req.body; res.json(data); await db.save(data); log(data);`, null],
    ['second response', `res.send(x); log(); res.end();`, 'double-response: sends a second response (`res.end()`) @ res.end()'],
    ['second response in a callback', `res.send(x); setup(() => res.json(y));`, 'double-response: sends a second response (`res.json(y)`) @ res.json(y)'],
    ['res.locals', `res.send(x); save(res.locals.user);`, 'unsafe: uses the response object (`res.locals`) @ res'],
    ['res.headersSent', `res.send(x); if (!res.headersSent) log();`, 'unsafe: uses the response object (`res.headersSent`) @ res'],
    ['next', `res.send(x); next();`, 'unsafe: calls next(), which hands control on after the response @ next'],
    ['process.exit', `res.send(x); process.exit(1);`, 'unsafe: calls process.exit() @ process.exit(1)'],
    ['setTimeout', `res.send(x); setTimeout(() => db.save(), 10);`, 'unsafe: schedules work with setTimeout(), which runs later wherever the call is @ setTimeout(() => db.save(), 10)'],
    ['nested return', `res.send(x); if (a) return; log();`, 'unsafe: contains a `return` that would skip the response once the work runs first @ return;'],
    ['nested throw', `res.send(x); if (a) throw e;`, 'unsafe: contains a `throw` that would skip the response once the work runs first @ throw e;'],
    ['throw caught inside the work', `res.send(x); try { if (a) throw e; } catch (err) { log(err); }`, null],
    ['break out of a loop inside the work', `res.send(x); for (const i of xs) { if (i) break; await i.save(); }`, null],
    ['continue inside the work', `res.send(x); for (const i of xs) { if (!i) continue; await i.save(); }`, null],
    ['return in a nested function', `res.send(x); await Promise.all(xs.map((i) => { return i.save(); }));`, null],
    ['assigns a variable the response reads', `let r = 1; res.json(r); r = 2;`, 'unsafe: changes `r`, which the response reads @ r = 2'],
    ['mutates an object the response reads', `const o = {}; res.json(o); o.saved = true;`, 'unsafe: changes `o`, which the response reads @ o.saved = true'],
    ['pushes into an array the response reads', `const a = []; res.json(a); a.push(1);`, 'unsafe: changes `a`, which the response reads @ a.push(1)'],
    ['Object.assign on what the response reads', `const o = {}; res.json(o); Object.assign(o, more);`, 'unsafe: changes `o`, which the response reads @ Object.assign(o, more)'],
    ['firestore ref.set is not a mutation', `const ref = db.doc(); res.json({ id: ref.id }); await ref.set(data);`, null],
    ['declares a name the response uses', `res.json(later); var later = 1;`, 'unsafe: declares `later`, which the response uses @ later'],
    ['response writes what the work reads', `let n = 0; res.json(n++); log(n);`, 'unsafe: reads `n`, which the response changes @ n++'],
  ])('%s', (_name, body, expected) => {
    expect(hazard(body)).toBe(expected);
  });
});

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
    const edits = getAwaitEdits(handler, found.work).map((e) => e.edit);
    const start = found.work[0]!.node.start!;
    const end = found.work[found.work.length - 1]!.node.end!;
    const shifted = edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
    expect(applyEdits(source.slice(start, end), shifted)).toBe(expected);
  });
});
