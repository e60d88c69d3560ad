/** Response matchers: by binding, chains, statements, and whether an awaited expression responds. */
import type { NodePath } from '@babel/traverse';
import {
  chainEndsRequest,
  evaluatesResponse,
  getChainTop,
  getExpressionResponse,
  getResponseCall,
  getResponseStatement,
  isNextCallExpression,
  mayHaveRespondedBefore,
} from '../../../transforms/lib/responses';
import { createSourceFile, getTraverse } from '../../../transforms/lib/source-file';
import { setupMarkedHandler } from '../../support/marked-handler';

const setup = setupMarkedHandler;

describe("isNextCallExpression: the handler's next, or an unbound next", () => {
  test.each([
    ['next()', true],
    ['next(err)', true],
    ['done()', false],
  ])('%s', (code, expected) => {
    const { handler, path } = setup(`  /*@*/${code};`);
    expect(isNextCallExpression(handler, (path as NodePath).get('expression') as NodePath)).toBe(expected);
  });

  test("a shadowing `next` is not the handler's", () => {
    const { handler, path } = setup(`  [1].forEach((next) => { /*@*/next(); });`);
    expect(isNextCallExpression(handler, (path as NodePath).get('expression') as NodePath)).toBe(false);
  });

  test('an unbound `next` in a handler without one counts', () => {
    const source = `exports.h = async (req, res) => {\n  next();\n};`;
    const file = createSourceFile(source, 'babel');
    const handler = file.handlers[0]!;
    let call: NodePath | undefined;
    getTraverse()(file.ast, {
      CallExpression(p) {
        call ??= p;
      },
    });
    expect(isNextCallExpression(handler, call!)).toBe(true);
  });
});

describe('getResponseCall', () => {
  test.each([
    ['res.send(1)', 'send', true],
    ['res.status(201).set(h).json(x)', 'json', true],
    ['res.status(201)', 'status', false],
    ['res.sendStatus(204)', 'sendStatus', true],
    // The send has answered; a status set after it changes nothing.
    ['res.send(x).status(201)', 'status', true],
    ['res.status(201).set(h)', 'set', false],
  ])('%s', (code, method, ending) => {
    const { handler, path } = setup(`  /*@*/${code};`);
    const call = getResponseCall(handler, (path as NodePath).get('expression') as NodePath);
    expect(call?.method).toBe(method);
    expect(call?.ending).toBe(ending);
  });

  test('a shadowing parameter is not the response', () => {
    const { handler, path } = setup(`  get(url, (err, res) => { /*@*/res.send(1); });`);
    expect(getResponseStatement(handler, path)).toBeNull();
  });

  test('another object is not the response', () => {
    const { handler, path } = setup(`  /*@*/other.send(1);`);
    expect(getResponseStatement(handler, path)).toBeNull();
  });

  test('await res.json() is a response statement', () => {
    const { handler, path } = setup(`  /*@*/await res.json(1);`);
    expect(getResponseStatement(handler, path)?.method).toBe('json');
  });
});

describe('getExpressionResponse', () => {
  test.each([
    ['p.then(() => res.send(1))', 'responds'],
    ['p.then((x) => { log(x); res.json(x); }).catch(next)', 'responds'],
    ['p.finally(() => res.end())', 'responds'],
    ['helper(req, res)', 'responds'],
    ['p.catch((e) => res.status(500).send(e))', 'unknown'],
    ['new Promise((resolve) => { res.on("finish", resolve); })', 'unknown'],
    ['db.doc(id).set(data)', 'never'],
    ['p.then((res) => res.json())', 'never'],
    // Both branches of an `if` respond; a response after an early return that responds.
    ['p.then((doc) => { if (doc.exists) res.json(doc); else { res.sendStatus(404); } })', 'responds'],
    ['p.then((doc) => { if (!doc) return res.sendStatus(404); res.json(doc); })', 'responds'],
    // One branch, or a path that leaves before the response: not certain.
    ['p.then((doc) => { if (doc.exists) res.json(doc); })', 'unknown'],
    ['p.then((doc) => { if (!doc) return; res.json(doc); })', 'unknown'],
    ['p.then((docs) => { for (const d of docs) { if (d.bad) break; } res.json(docs); })', 'responds'],
  ])('%s', (code, expected) => {
    const { handler, path } = setup(`  /*@*/${code};`);
    expect(getExpressionResponse(handler, (path as NodePath).get('expression') as NodePath)).toBe(expected);
  });
});

describe('mayHaveRespondedBefore: a response earlier in the handler that may have been sent when the statement runs', () => {
  test.each([
    ['a response before it', `  res.status(202).send('queued');\n  /*@*/log();`, true],
    ['a response in a callback before it (it may run at any time)', `  work().then(() => res.send(1));\n  /*@*/log();`, true],
    ['a response in the other branch of an if', `  if (a) {\n    res.send(1);\n  } else {\n    /*@*/log();\n  }`, false],
    ['a callback response in the other branch of an if', `  if (a) {\n    work().then(() => res.send(1));\n  } else {\n    /*@*/log();\n  }`, false],
    [
      'a callback response in an earlier else-if branch',
      `  if (a) {\n    log();\n  } else if (b) {\n    work().catch(() => res.sendStatus(500));\n  } else {\n    /*@*/log();\n  }`,
      false,
    ],
    ['a callback response in the test of the if', `  if (await work().then(() => res.send(1))) {\n    log();\n  } else {\n    /*@*/log();\n  }`, true],
  ])('%s', (_name, body, expected) => {
    const { handler, path } = setup(body);
    expect(mayHaveRespondedBefore(handler, path)).toBe(expected);
  });
});

describe('evaluatesResponse: the expression certainly calls an ending response method', () => {
  test.each([
    ['res.json(r)', true],
    ['res.status(201).json(r)', true],
    ['Promise.all([Promise.resolve(res.json(r)), log(q)])', true],
    ['wrap({ sent: res.send(r) })', true],
    ['(audit(q), res.end())', true],
    ['res.json(r) && log(q)', true],
    ['`${res.send(r)}`', true],
    // Not certain: a branch, the right side of a logical operator, a function, an optional call.
    ['ok ? res.json(r) : log(q)', false],
    ['ok && res.json(r)', false],
    ['run(() => res.json(r))', false],
    ['res.status(201)', false],
    ['res.json.bind(res)', false],
    ['maybe?.(res.json(r))', false],
  ])('%s: %s', (code, expected) => {
    const { handler, path } = setup(`  /*@*/${code};`);
    expect(evaluatesResponse(handler, (path as NodePath).get('expression') as NodePath)).toBe(expected);
  });
});

describe('chainEndsRequest: a promise chain that ends the request on both paths', () => {
  test.each([
    ['find(id).then((u) => res.json(u)).catch(next)', true],
    ['find(id).then((u) => {\n    if (!u) return next(new Error(404));\n    return res.json(u);\n  }).catch(() => next(new Error(500)))', true],
    ['remove(id).then(() => res.sendStatus(204), next)', true],
    ['remove(id).finally(() => res.end())', true],
    // A callback that returns a chain ending the request on both paths ends it too.
    ['find(id).then((u) => {\n    if (!u) return next(new Error(403));\n    return check(u).then((ok) => res.json(ok)).catch(next);\n  }).catch(next)', true],
    ['find(id).then((u) => check(u).then((ok) => res.json(ok)).catch(next)).catch(next)', true],
    // One path may not end it.
    ['find(id).then((u) => res.json(u))', false],
    ['find(id).then((d) => {\n    if (d.exists) res.json(d.data());\n  }).catch(next)', false],
    ['find(id).then((u) => res.json(u)).catch((err) => console.error(err))', false],
    ['find(id).catch(next)', false],
  ])('%s: %s', (code, expected) => {
    const { handler, path } = setup(`  /*@*/${code};`);
    expect(chainEndsRequest(handler, (path as NodePath).get('expression') as NodePath)).toBe(expected);
  });
});

test('getChainTop: from a name to the outermost member access or call of its chain', () => {
  const { path } = setup('  log(/*@*/res.status(201).set(h).json(x), other);');
  let ref = path as NodePath;
  while (ref.isMemberExpression() || ref.isCallExpression()) ref = (ref.isCallExpression() ? ref.get('callee') : ref.get('object')) as NodePath;
  const top = getChainTop(ref);
  expect(top.node).toBe((path as NodePath).node);
  expect(ref.toString()).toBe('res');
  expect(getChainTop(top)).toBe(top);
});
