/** Judging post-response work: what makes moving it before the response unsafe. */
import { loadPostResponse } from '../../support/post-response';
import { findMoveHazard, isImmediateLogStatement, judgeReturnAfterResponse } from '../../../transforms/respond-last/hazards';

const load = loadPostResponse;

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
    [
      'next passed on, not called',
      `res.send(x); notify(req.body, next);`,
      "unsafe: uses `next`, the parameter after the response (Express's `next`), which may hand control on after the response @ next",
    ],
    ['process.exit', `res.send(x); process.exit(1);`, 'unsafe: calls process.exit() @ process.exit(1)'],
    [
      'setTimeout',
      `res.send(x); setTimeout(() => db.save(), 10);`,
      'unsafe: schedules work with setTimeout(), which runs later wherever the call is @ setTimeout(() => db.save(), 10)',
    ],
    ['nested return', `res.send(x); if (a) return; log();`, 'unsafe: contains a `return` that would skip the response once the work runs first @ return;'],
    ['nested throw', `res.send(x); if (a) throw e;`, 'unsafe: contains a `throw` that would skip the response once the work runs first @ throw e;'],
    ['throw caught inside the work', `res.send(x); try { if (a) throw e; } catch (err) { log(err); }`, null],
    ['break out of a loop inside the work', `res.send(x); for (const i of xs) { if (i) break; await i.save(); }`, null],
    ['continue inside the work', `res.send(x); for (const i of xs) { if (!i) continue; await i.save(); }`, null],
    ['return in a nested function', `res.send(x); await Promise.all(xs.map((i) => { return i.save(); }));`, null],
    ['assigns a variable the response reads', `let r = 1; res.json(r); r = 2;`, 'unsafe: changes `r`, which the response reads @ r = 2'],
    ['mutates an object the response reads', `const o = {}; res.json(o); o.saved = true;`, 'unsafe: changes `o`, which the response reads @ o.saved = true'],
    ['pushes into an array the response reads', `const a = []; res.json(a); a.push(1);`, 'unsafe: changes `a`, which the response reads @ a.push(1)'],
    [
      'Object.assign on what the response reads',
      `const o = {}; res.json(o); Object.assign(o, more);`,
      'unsafe: changes `o`, which the response reads @ Object.assign(o, more)',
    ],
    ['firestore ref.set is not a mutation', `const ref = db.doc(); res.json({ id: ref.id }); await ref.set(data);`, null],
    ['declares a name the response uses', `res.json(later); var later = 1;`, 'unsafe: declares `later`, which the response uses @ later'],
    ['response writes what the work reads', `let n = 0; res.json(n++); log(n);`, 'unsafe: reads `n`, which the response changes @ n++'],
    [
      'response awaits something itself',
      `const c = await connect(); res.json(await c.find()); await c.close();`,
      "unsafe: runs before the response's own `await c.find()`, which may depend on it @ await c.find()",
    ],
    ['awaited response statement is fine', `await res.json(x); await log(x);`, null],
    [
      'response and work call methods of one object',
      `const cache = new Map(); res.json(cache.get(k)); cache.clear();`,
      'unsafe: calls `cache` as the response does (`cache.get(k)`), and their order may matter @ cache.clear()',
    ],
    ['response maps data the work saves', `const items = await load(); res.json(items.map(format)); await db.save(items);`, null],
    ['response renders, work logs', `res.send(render(page)); await views.add(page);`, null],
  ])('%s', (_name, body, expected) => {
    expect(hazard(body)).toBe(expected);
  });
});

describe('judgeReturnAfterResponse', () => {
  test.each<[string, string, string | null]>([
    ['bare return', `res.send(x); return;`, null],
    ['literal', `res.send(x); return true;`, null],
    ['undefined', `res.send(x); return undefined;`, null],
    ['the response object', `res.send(x); return res;`, null],
    ['next', `res.send(x); return next();`, null],
    ['second response', `res.send(x); return res.status(400).send(y);`, 'second-response'],
    ['second response inside a chain', `res.send(x); return p.then(() => res.end());`, 'second-response'],
    ['hand-off', `res.send(x); return helper(req, res);`, 'hand-off'],
    ['promise', `res.send(x); return queue.add(job);`, 'value'],
    ['conditional', `res.send(x); return a ? p() : Promise.resolve();`, 'value'],
    ['identifier', `res.send(x); return pending;`, 'value'],
  ])('%s', (_name, body, expected) => {
    const { handler, found } = load(body);
    expect(judgeReturnAfterResponse(handler, found.terminator)).toBe(expected);
  });
});

describe('isImmediateLogStatement: a log line after the response that runs at once and starts nothing', () => {
  test.each<[string, string, boolean]>([
    ['console.error with a message and the error', `console.error('save failed', err);`, true],
    ['console.log with a template literal', 'console.log(`saved ${req.body.id}`);', true],
    ['JSON.stringify in the arguments', `console.log(JSON.stringify(req.body));`, true],
    ["firebase-functions' logger", `functions.logger.warn('slow', { ms: 3 });`, true],
    ['the logger module of firebase-functions', `logger.info('done');`, true],
    ['a call that starts work in the arguments', `console.log(db.save(req.body));`, false],
    ['an await in the arguments', `console.log(await db.count());`, false],
    ['a method call in the arguments', `console.log(items.join(','));`, false],
    ['a callback in the arguments', `console.log(() => db.save());`, false],
    ['an assignment in the arguments', `console.log((count = 1));`, false],
    ['a logger from another package (its transport may write later)', `winston.info('done');`, false],
    ['a shadowed console', `{ const console = makeLogger(); console.log('x'); }`, false],
    ['not a call', `counter++;`, false],
  ])('%s', (_, statement, expected) => {
    const prelude =
      "const functions = require('firebase-functions');\nconst { logger: fnLogger } = require('firebase-functions');\nconst logger = require('firebase-functions/logger');\nconst winston = require('winston');\nlet count = 0;\n";
    const { found } = load(`${prelude.replace(/\n/g, ' ')}res.send(x); ${statement}`);
    const first = found.work[0]!;
    const target = first.isBlockStatement() ? (first.get('body') as import('@babel/traverse').NodePath[])[1]! : first;
    expect(isImmediateLogStatement(target)).toBe(expected);
  });
});
