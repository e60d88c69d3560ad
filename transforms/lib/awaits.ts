/**
 * Which calls of moved work to await once it runs before the response: calls and promise chains
 * in expression statements, except calls known to be synchronous (`console.*`, logger methods,
 * `JSON.*`, `Math.*`, `Object.*`, the response's header setters).
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { FunctionNode, Handler } from './handlers';
import { getPropertyName, getRootIdentifier, resolveNodeAt } from './modules';
import { isResponseRef } from './responses';
import { HEADER_SETTERS } from './response-members';
import { ensureAsync } from './edit/statements';
import type { TextEdit } from './types';
import { getPromiseKind, SYNCHRONOUS_GLOBAL_FUNCTIONS } from './promises';
import { getAsyncForEach, getForEachAwaitEdits } from './foreach';
import type { SourceFile } from './source-file';
import { visitPaths } from './visit';

const SYNC_GLOBAL_OBJECTS = new Set(['console', 'JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'Reflect', 'Date', 'Symbol', 'Intl']);
const LOG_METHODS = new Set([
  'log',
  'info',
  'warn',
  'warning',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'silly',
  'notice',
  'critical',
  'alert',
  'emergency',
]);
const LOGGER_NAME = /^_*(log|logger|console)$|Logger$/i;
const LOGGER_MODULES = new Set(['firebase-functions/logger', 'firebase-functions/v2/logger']);
/** Response methods that only set headers or status: synchronous. */
const RESPONSE_SETTERS = new Set([...HEADER_SETTERS, 'status']);

function getMemberName(node: t.Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') return getPropertyName(node);
  if (node.type === 'ThisExpression') return 'this';
  return null;
}

/**
 * Is the call known to be synchronous, so there is nothing to await: `console.*`, logger methods
 * (`logger.info`, `functions.logger.warn`, `req.log.error`, firebase's `info(...)`), `JSON.*`,
 * `Math.*`, `Object.*` and similar globals, `forEach`/`map` (nothing to await), and the handler's
 * response header setters (`res.set(...)`).
 */
export function isKnownSynchronousCall(handler: Handler | null, path: NodePath): boolean {
  if (!path.isCallExpression() && !path.isOptionalCallExpression()) return false;
  const callee = path.node.callee;
  if (callee.type === 'Identifier') {
    if (!path.scope.getBinding(callee.name)) return SYNCHRONOUS_GLOBAL_FUNCTIONS.has(callee.name);
    const ref = resolveNodeAt(path, callee);
    return !!ref && LOGGER_MODULES.has(ref.module);
  }
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return false;
  const method = getPropertyName(callee);
  if (method === null) return false;
  // Their results are undefined or an array: awaiting them waits for nothing.
  if (method === 'forEach' || method === 'map') return true;
  const root = getRootIdentifier(callee);
  if (root && SYNC_GLOBAL_OBJECTS.has(root.name) && !path.scope.getBinding(root.name)) return true;
  if (handler && callee.object.type === 'Identifier' && RESPONSE_SETTERS.has(method)) {
    const object = (path.get('callee') as NodePath<t.MemberExpression>).get('object');
    if (isResponseRef(handler, object)) return true;
  }
  const objectName = getMemberName(callee.object);
  return LOG_METHODS.has(method) && objectName !== null && LOGGER_NAME.test(objectName);
}

/**
 * Edits that await the unawaited calls among `work` once it runs before the response:
 * expression statements (also in nested blocks, not in nested functions) whose expression is a
 * call or promise chain, or `void <call>`, except known-synchronous calls. `void` becomes `await`;
 * an async `forEach` over an array becomes `await Promise.all(xs.map(...))`.
 */
export function getAwaitEdits(handler: Handler, work: readonly NodePath[], file?: SourceFile): { node: t.Node; edits: TextEdit[] }[] {
  const found: { node: t.Node; edits: TextEdit[] }[] = [];
  visitPaths(work, true, (path) => {
    if (!path.isExpressionStatement()) return false;
    const expression = path.get('expression');
    // `xs.forEach(async (x) => ...)` over an array: `await Promise.all(xs.map(...))`.
    const forEach = file ? getAsyncForEach(expression, file) : null;
    const forEachEdits = forEach?.array ? getForEachAwaitEdits(forEach) : null;
    if (forEachEdits) {
      found.push({ node: path.node, edits: forEachEdits });
      return false;
    }
    let call: NodePath = expression;
    if (expression.isUnaryExpression({ operator: 'void' })) call = expression.get('argument');
    if (!call.isCallExpression() && !call.isOptionalCallExpression()) return false;
    if (isKnownSynchronousCall(handler, call)) return false;
    // Awaiting what is known not to be a promise only adds noise.
    if (file && getPromiseKind(call, file) === 'not-promise') return false;
    const start = expression.node.start!;
    found.push({ node: path.node, edits: [{ start, end: call === expression ? start : call.node.start!, text: 'await ' }] });
    return false;
  });
  return found;
}

/** A `.then`/`.catch`/`.finally` callback: making it async leaves the chain's meaning as it was. */
export function isPromiseCallback(fn: NodePath): boolean {
  const parent = fn.parentPath;
  if (!parent?.isCallExpression() || parent.node.callee.type !== 'MemberExpression') return false;
  const index = parent.node.arguments.indexOf(fn.node as t.Expression);
  const method = getPropertyName(parent.node.callee);
  return (method === 'then' && (index === 0 || index === 1)) || ((method === 'catch' || method === 'finally') && index === 0);
}

/**
 * Edits making `fn` async so moved work can be awaited in it (none when it already is), or why
 * not: only the handler itself and promise callbacks are made async; any other callback's caller
 * ignores or uses its return value, which a promise would change.
 */
export function getAsyncEditsForAwait(handler: Handler, fn: NodePath<FunctionNode>, source: string): { edits: TextEdit[] } | { reason: string } {
  if (fn.node.async) return { edits: [] };
  if (fn.node !== handler.path.node && !isPromiseCallback(fn)) {
    return { reason: 'the callback cannot be made async without changing what its caller gets back' };
  }
  const result = ensureAsync(fn, source);
  return 'reason' in result ? { reason: `the function cannot be made async (${result.reason})` } : result;
}
