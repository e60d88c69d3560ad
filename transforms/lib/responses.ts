/**
 * Response matchers: calls on the handler's response binding (`res.status(201).json(x)`), response
 * statements and groups, and whether an expression certainly responds. Matched by binding, so an
 * inner `(err, res) =>` that shadows the handler's `res` is never the handler's response.
 */
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { Handler } from './handlers';
import { getPropertyName, unwrap } from './modules';
import { ENDING_METHODS } from './response-members';
import { leavesRoots } from './jumps';

/** Is `path` an identifier bound to the handler's response parameter? */
export function isResponseRef(handler: Handler, path: NodePath): boolean {
  return path.isIdentifier() && path.scope.getBinding(path.node.name) === handler.res;
}

export interface ResponseCall {
  /** The last method of the chain: `json` in `res.status(201).json(x)`. */
  method: string;
  /** Every method of the chain, innermost first: `['status', 'json']`. */
  chain: string[];
  /** Some method of the chain sends the response (`json` in `res.status(201).json(x)`, `send` in `res.send(x).status(201)`). */
  ending: boolean;
}

/** The outermost member access or call of the chain that starts at `path`: `res.status(201).json(x)` from `res`. */
export function getChainTop(path: NodePath): NodePath {
  let top = path;
  for (let up = top.parentPath; up; up = top.parentPath) {
    const isMemberOfTop = up.isMemberExpression() && up.node.object === top.node;
    const isCallOfTop = up.isCallExpression() && up.node.callee === top.node;
    if (!isMemberOfTop && !isCallOfTop) break;
    top = up;
  }
  return top;
}

/** A call chain on the handler's response (`res.status(201).set(h).json(x)`), or null. */
export function getResponseCall(handler: Handler, path: NodePath): ResponseCall | null {
  const chain: string[] = [];
  let current: NodePath = path;
  for (;;) {
    if (!current.isCallExpression()) return null;
    const callee = current.get('callee');
    if (!callee.isMemberExpression()) return null;
    const name = getPropertyName(callee.node);
    if (name === null) return null;
    chain.unshift(name);
    const object = callee.get('object');
    if (object.isIdentifier()) {
      if (!isResponseRef(handler, object)) return null;
      const method = chain[chain.length - 1]!;
      // `res.send(x).status(201)`: the send answers; what is called on the response after it changes nothing.
      return { method, chain, ending: chain.some((name) => ENDING_METHODS.has(name)) };
    }
    current = object;
  }
}

/** The ending response call of a statement such as `res.send(x);` or `await res.json(x);`, or null. */
export function getResponseStatement(handler: Handler, statement: NodePath): ResponseCall | null {
  if (!statement.isExpressionStatement()) return null;
  let expression: NodePath = statement.get('expression');
  if (expression.isAwaitExpression()) expression = expression.get('argument') as NodePath;
  else if (expression.isUnaryExpression({ operator: 'void' })) expression = expression.get('argument') as NodePath;
  const call = getResponseCall(handler, expression);
  return call?.ending ? call : null;
}

/** Does the code at `path` mention the handler's response? */
export function referencesResponse(handler: Handler, path: NodePath): boolean {
  return referencesBinding(handler.res, path);
}

/** Does `path` (or something inside it, a callback's body included) use the handler's `next`? */
export function referencesNext(handler: Handler, path: NodePath): boolean {
  return referencesBinding(handler.next, path);
}

function referencesBinding(binding: Binding | null, path: NodePath): boolean {
  const { start, end } = path.node;
  if (!binding || start == null || end == null) return false;
  const within = (node: t.Node) => node.start != null && node.end != null && node.start >= start && node.end <= end;
  return binding.referencePaths.some((ref) => within(ref.node)) || binding.constantViolations.some((v) => within(v.node));
}

/**
 * Could a response have been sent before `statement` runs? True when an ending response call
 * comes earlier in the handler, unless it sits in a `return` or in a block that ends by returning
 * or throwing (`if (!id) { res.status(400).send(); return; }` cannot reach `statement`), or in the
 * `if` branch of an `else` holding `statement`. A response in a callback may run at any time; one
 * in a `try` block may be followed by an exception that reaches `statement` in the `catch`.
 */
export function mayHaveRespondedBefore(handler: Handler, statement: NodePath): boolean {
  const start = statement.node.start ?? 0;
  const end = statement.node.end ?? 0;
  return handler.res.referencePaths.some((ref) => {
    if ((ref.node.start ?? 0) >= start) return false;
    const call = ref.parentPath?.parentPath;
    if (!call) return false;
    let top: NodePath = call;
    while (top.parentPath && (top.parentPath.isMemberExpression() || top.parentPath.isCallExpression())) top = top.parentPath;
    if (!getResponseCall(handler, top)?.ending) return false;
    // In a callback, it may run at any time, unless it is in the other branch of an `if` (below).
    const nested = top.getFunctionParent()?.node !== handler.path.node;
    let endsBefore = false;
    for (let current: NodePath = top; current.parentPath; current = current.parentPath) {
      if (!nested && (current.isReturnStatement() || current.isThrowStatement())) endsBefore = true;
      const parent: NodePath = current.parentPath;
      if ((parent.node.start ?? 0) <= start && end <= (parent.node.end ?? 0)) {
        if (parent.isIfStatement() && current.key === 'consequent') return false;
        if (nested || (parent.isTryStatement() && current.key === 'block')) return true;
        return !endsBefore;
      }
      if (nested) continue;
      if (parent.isBlockStatement() && current.isStatement()) {
        const last = parent.node.body[parent.node.body.length - 1];
        if (last && (last.type === 'ReturnStatement' || last.type === 'ThrowStatement')) endsBefore = true;
      }
      // An exception after the response, caught here, carries on after the `try` statement.
      if (parent.isTryStatement() && current.key === 'block' && parent.node.handler) endsBefore = false;
    }
    return true;
  });
}

/** Could an enclosing `finally` block respond after `statement` (so adding a response could send twice)? */
export function mayRespondAfter(handler: Handler, statement: NodePath): boolean {
  for (let current: NodePath = statement; current.parentPath && current.node !== handler.path.node.body; current = current.parentPath) {
    const parent = current.parentPath;
    if (parent.isTryStatement() && current.key !== 'finalizer') {
      const finalizer = parent.get('finalizer');
      if (finalizer.node && referencesResponse(handler, finalizer as NodePath)) return true;
    }
  }
  return false;
}

/**
 * Does this promise chain certainly end the request on both of its paths: a `.then` callback that
 * responds (or calls `next`) on every path, and a rejection handler that does too (`.catch(next)`,
 * `.catch((err) => res.status(500).send(...))`), or a `.finally` callback that does?
 */
export function chainEndsRequest(handler: Handler, expression: NodePath): boolean {
  let success = false;
  let failure = false;
  const ends = (arg: NodePath | undefined) => !!arg && (isNextRef(handler, arg) || isRespondingCallback(handler, arg));
  let current: NodePath = expression;
  while (current.isCallExpression()) {
    const callee = current.get('callee');
    if (!callee.isMemberExpression()) break;
    const method = getPropertyName(callee.node);
    const args = current.get('arguments');
    if (method === 'then') {
      success ||= ends(args[0]);
      failure ||= ends(args[1]);
    } else if (method === 'catch') {
      failure ||= ends(args[0]);
    } else if (method === 'finally') {
      if (ends(args[0])) return true;
    } else {
      break;
    }
    current = callee.get('object');
  }
  return success && failure;
}

/** Does calling this function certainly respond (a top-level response statement or returned response call)? */
function isRespondingCallback(handler: Handler, path: NodePath): boolean {
  if (!path.isFunction()) return false;
  const body = path.get('body');
  if (!body.isBlockStatement()) {
    const value = body as NodePath;
    return evaluatesResponse(handler, value) || chainEndsRequest(handler, value) || isHandOffCall(handler, value) || isNextCallExpression(handler, value);
  }
  return respondsInBlock(handler, body.get('body'));
}

/**
 * Does evaluating the expression certainly call an ending response method, itself or in a part
 * that always runs (`Promise.all([Promise.resolve(res.json(r)), log(q)])`)? Nested functions, the
 * branches of `?:`, the right side of `&&`/`||`/`??` and optional calls may not run.
 */
export function evaluatesResponse(handler: Handler, path: NodePath): boolean {
  if (getResponseCall(handler, path)?.ending) return true;
  const node = path.node;
  const some = (key: string) => (path.get(key) as NodePath[]).some((item) => evaluatesResponse(handler, item));
  const one = (key: string) => {
    const child = path.get(key) as NodePath;
    return !!child.node && evaluatesResponse(handler, child);
  };
  switch (node.type) {
    case 'CallExpression':
    case 'NewExpression':
      return one('callee') || some('arguments');
    case 'MemberExpression':
      return one('object') || (node.computed && one('property'));
    case 'ArrayExpression':
      return some('elements');
    case 'ObjectExpression':
      return (path.get('properties') as NodePath[]).some((p) =>
        p.isObjectProperty() ? evaluatesResponse(handler, p.get('value') as NodePath) : p.isSpreadElement() && evaluatesResponse(handler, p.get('argument')),
      );
    case 'SpreadElement':
    case 'AwaitExpression':
    case 'UnaryExpression':
      return one('argument');
    case 'SequenceExpression':
      return some('expressions');
    case 'TemplateLiteral':
      return some('expressions');
    case 'BinaryExpression':
      return one('left') || one('right');
    case 'LogicalExpression':
      return one('left');
    case 'ConditionalExpression':
      return one('test');
    case 'AssignmentExpression':
      return one('right');
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TypeCastExpression':
      return one('expression');
    default:
      return false;
  }
}

/**
 * Does running these statements certainly respond: one of them is a response statement, `next()`,
 * a returned response call, or an `if` whose branches both respond (`if (doc.exists) res.json(x);
 * else res.sendStatus(404);`)?
 */
function respondsInBlock(handler: Handler, statements: readonly NodePath[]): boolean {
  for (const statement of statements) {
    if (getResponseStatement(handler, statement) || isNextCall(handler, statement)) return true;
    // A chain that ends the request on both paths (`find(id).then(send).catch(next)`) does so whenever it settles.
    const ends = (expression: NodePath) => evaluatesResponse(handler, expression) || chainEndsRequest(handler, expression);
    if (statement.isExpressionStatement() && ends(statement.get('expression'))) return true;
    if (statement.isReturnStatement()) {
      const argument = statement.get('argument');
      return !!argument.node && ends(argument as NodePath);
    }
    if (statement.isIfStatement()) {
      const alternate = statement.get('alternate');
      if (alternate.node && respondsInBranch(handler, statement.get('consequent')) && respondsInBranch(handler, alternate as NodePath)) return true;
    }
    // `if (!doc) return;` before the response: that path leaves without it.
    if (mayLeaveEarly(handler, statement)) return false;
  }
  return false;
}

/**
 * Does the statement hold a `return`, `break` or `continue` of its own (nested functions aside)
 * other than `return res.status(404).send(...)` (which responds as it leaves)?
 */
function mayLeaveEarly(handler: Handler, statement: NodePath): boolean {
  const roots = new Set([statement.node]);
  let found = false;
  statement.traverse({
    Function(inner) {
      inner.skip();
    },
    'ReturnStatement|BreakStatement|ContinueStatement'(path) {
      if (path.isReturnStatement()) {
        const argument = path.get('argument');
        if (argument.node && (getResponseCall(handler, argument as NodePath)?.ending || isNextCallExpression(handler, argument as NodePath))) return;
      } else if (!leavesRoots(path, roots)) {
        return;
      }
      found = true;
      path.stop();
    },
  });
  return found;
}

function respondsInBranch(handler: Handler, branch: NodePath): boolean {
  return respondsInBlock(handler, branch.isBlockStatement() ? branch.get('body') : [branch]);
}

/** `next();` or `next(err);` on the handler's `next`: control passes on, which is as good as responding. */
function isNextCall(handler: Handler, statement: NodePath): boolean {
  return statement.isExpressionStatement() && isNextCallExpression(handler, statement.get('expression'));
}

/**
 * Is `path` the handler's `next`: its parameter after the response, or an unbound `next` (a
 * handler that calls a `next` it does not declare hands on as surely, or throws)?
 */
export function isNextRef(handler: Handler, path: NodePath): boolean {
  if (!path.isIdentifier()) return false;
  const binding = path.scope.getBinding(path.node.name);
  return binding ? binding === handler.next : path.node.name === 'next';
}

/** `next(...)` on the handler's `next` (see `isNextRef`). */
export function isNextCallExpression(handler: Handler, expression: NodePath): boolean {
  return expression.isCallExpression() && isNextRef(handler, expression.get('callee') as NodePath);
}

/** `helper(req, res)`: the response object passed directly to a call, which takes over responding. */
export function isHandOffCall(handler: Handler, path: NodePath): boolean {
  if (!path.isCallExpression()) return false;
  return path.get('arguments').some((arg) => isResponseRef(handler, arg));
}

/**
 * Whether awaiting `expression` responds: `responds` when it certainly does on success (a `.then`
 * or `.finally` callback that sends, or the response handed to a call), `never` when it does not
 * touch the response at all, `unknown` otherwise (for example only a `.catch` callback responds).
 */
export function getExpressionResponse(handler: Handler, expression: NodePath): 'responds' | 'never' | 'unknown' {
  if (!referencesResponse(handler, expression) && !referencesBinding(handler.next, expression)) return 'never';
  let current: NodePath = expression;
  while (!current.isCallExpression() && unwrap(current.node) !== current.node) {
    current = current.get('expression') as NodePath;
  }
  if (isHandOffCall(handler, current)) return 'responds';
  // Walk a promise chain p.then(a).catch(b).finally(c) from the outside in.
  while (current.isCallExpression()) {
    const callee = current.get('callee');
    if (!callee.isMemberExpression()) break;
    const method = getPropertyName(callee.node);
    const args = current.get('arguments');
    if ((method === 'then' || method === 'finally') && args[0] && isRespondingCallback(handler, args[0])) {
      return 'responds';
    }
    if (method !== 'then' && method !== 'catch' && method !== 'finally') break;
    current = callee.get('object');
  }
  return 'unknown';
}
