/** Who owns the response: the handler, or code it handed the response to. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { findEagerResponses, getHandOffs, getOwnership, isResponseHelperCall } from '../../../transforms/lib/ownership';
import { createSourceFile, getTraverse } from '../../../transforms/lib/source-file';

function load(body: string) {
  const file = createSourceFile(`exports.h = async (req, res, next) => {\n  ${body}\n};\n`, 'babel');
  return { file, handler: file.handlers[0]! };
}

describe('getOwnership', () => {
  test.each([
    ['stream.pipe(res);', 'piped into by `stream.pipe(res)`'],
    ['helper(req, res);', 'passed to `helper(req, res)`'],
    ['const writer = new Writer(res);', 'passed to `new Writer(res)`'],
    ['next();', 'control passes to the next handler with `next()`'],
  ])('handed off: %s', (body, reason) => {
    const { file, handler } = load(body);
    expect(getOwnership(handler, file)).toEqual(expect.objectContaining({ handedOff: true, reason }));
  });

  test.each([
    'res.send(1);',
    'return res.status(200).json({});',
    // Logging the response, or listening to it, does not hand it to anyone.
    'console.log(res);',
    "res.on('finish', () => log());",
    // Array callbacks run at once.
    'items.forEach((item) => res.write(item));\n  res.end();',
    // A local helper that only calls the response's methods synchronously.
    'sendError(res, 400);\n  function sendError(r, code) { r.status(code).end(); }',
    'end(res, 400);\n  const end = (r, code) => r.status(code).end();',
  ])('kept: %s', (body) => {
    const { file, handler } = load(body);
    expect(getOwnership(handler, file)).toEqual({ handedOff: false });
  });
});

test('getHandOffs: a wrapper call and its callback the rewrite treats as the handler body are not hand-offs', () => {
  const { file, handler } = load('cors(req, res, () => {\n    res.send(1);\n  });');
  expect(getHandOffs(handler, file, {}).map((h) => h.reason)).toEqual([
    'passed to `cors(req, res, () => { res.send(1); })`',
    'used in a callback passed to `cors`(...), which may respond at any time',
  ]);
  let callback: NodePath<t.ArrowFunctionExpression> | undefined;
  getTraverse()(file.ast, {
    ArrowFunctionExpression(path) {
      if (path.node.params.length === 0) callback = path;
    },
  });
  expect(getHandOffs(handler, file, { bodies: new Set([callback!.node, callback!.parentPath.node]) })).toEqual([]);
  // The callback alone: the call that takes the response is still a hand-off.
  expect(getHandOffs(handler, file, { bodies: new Set([callback!.node]) }).map((h) => h.reason)).toEqual([
    'passed to `cors(req, res, () => { res.send(1); })`',
  ]);
});

describe('isResponseHelperCall: a call whose result is the response or undefined, never a promise', () => {
  /** The argument of the handler's first `return`. */
  function returned(body: string): boolean {
    const { file, handler } = load(body);
    let value: NodePath | undefined;
    handler.path.traverse({
      Function(inner) {
        inner.skip();
      },
      ReturnStatement(statement) {
        value ??= statement.get('argument') as NodePath;
      },
    });
    return isResponseHelperCall(handler, file, value!);
  }

  test.each([
    'return fail(res, 400);\n  function fail(r, code) { return r.status(code).json({ code }); }',
    'return fail(res, 400);\n  function fail(r, code) { if (!code) return; r.sendStatus(code); }',
    'return fail(req, res);\n  function fail(q, r) { r.status(400).send(q.path); }',
    'return fail(res);\n  function fail(r) { console.log("failed"); return r.end(); }',
    'return end(res, 400);\n  const end = (r, code) => r.status(code).end();',
  ])('yes: %s', (body) => {
    expect(returned(body)).toBe(true);
  });

  test.each([
    // It returns something else than the response's own calls.
    'return fail(res, 400);\n  function fail(r, code) { r.status(code).end(); return save(code); }',
    'return fail(res);\n  function fail(r) { return r; }',
    // Async: its result is a promise.
    'return fail(res);\n  async function fail(r) { return r.end(); }',
    // The response goes on from the helper.
    'return fail(res);\n  function fail(r) { return send(r); }',
    // Not handed the response, or not a local function.
    'return fail(req);\n  function fail(q) { return q.end(); }',
    'return fail(res);',
  ])('no: %s', (body) => {
    expect(returned(body)).toBe(false);
  });
});

describe('findEagerResponses: a response given to a chain method as a call is sent as the chain is built', () => {
  const describeEager = (body: string) => {
    const { file, handler } = load(body);
    return findEagerResponses(handler, file).map(
      (e) => `${e.method}${e.onRejection ? ' (on rejection)' : ''}: ${file.source.slice(e.response.node.start!, e.response.node.end!)}`,
    );
  };

  test.each([
    ["db.add(x).then(res.status(201).send('saved'));", ["then: res.status(201).send('saved')"]],
    ["await db.add(x).catch(res.status(500).json({ error: 'failed' }));", ["catch (on rejection): res.status(500).json({ error: 'failed' })"]],
    ["return db.update(x).finally(res.redirect('/login'));", ["finally: res.redirect('/login')"]],
    ['db.add(x).then(res.sendStatus(204), (err) => next(err));', ['then: res.sendStatus(204)']],
    ["db.add(x).then(() => next(), res.status(500).send('failed'));", ["then (on rejection): res.status(500).send('failed')"]],
    // A local helper that only calls the response's methods sends it too.
    ["db.delete(x).then(sendDone(res, 'deleted'));\n  function sendDone(r, what) { return r.status(200).json({ what }); }", ["then: sendDone(res, 'deleted')"]],
  ])('%s', (body, expected) => {
    expect(describeEager(body)).toEqual(expected);
  });

  test.each([
    // Functions: called when the chain settles.
    "db.add(x).then(() => res.status(201).send('saved'));",
    'return db.get(x).then(function (doc) {\n    res.json(doc.data());\n  });',
    'db.add(x).then(sendSaved(res));\n  function sendSaved(r) { return () => r.json({ saved: true }); }',
    // Not a response: nothing is sent (`status` alone), or not given to a chain method.
    'db.add(x).then(res.status(201));',
    "log(res.status(201).send('saved'));",
    // The parameter of the rejection handler hides the response.
    'db.add(x).catch((res) => db.log(x).then(res.send(1)));',
  ])('not eager: %s', (body) => {
    expect(describeEager(body)).toEqual([]);
  });
});
