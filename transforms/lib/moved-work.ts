/**
 * Judging work that runs after a response before moving it ahead of the response: whether the
 * move is provably safe (no second response, no use of the response, no control flow leaving the
 * work, no `next()` / `process.exit()`, no variable shared with the response in a way the order
 * matters for, no work scheduled for later with `setTimeout`), and which of its calls must be
 * awaited once it runs first.
 */
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { Handler } from './handlers';
import { getPropertyName, resolveNodeAt } from './modules';
import { getResponseCall, isResponseRef } from './responses';
import type { TextEdit } from './types';

export interface Hazard {
  /** `double-response`: the work sends a second response; `unsafe`: moving it could change behaviour. */
  kind: 'double-response' | 'unsafe';
  /** Where the problem is (for the finding's position). */
  node: t.Node;
  /** Completes "the work after the response ...". */
  reason: string;
}

interface Range {
  start: number;
  end: number;
}

function getRange(paths: readonly NodePath[]): Range {
  return { start: paths[0]?.node.start ?? 0, end: paths[paths.length - 1]?.node.end ?? 0 };
}

function within(node: t.Node | null | undefined, range: Range): boolean {
  return !!node && node.start != null && node.end != null && node.start >= range.start && node.end <= range.end;
}

/** Visit every path under `paths` (and the paths themselves), nested functions included unless `skipFunctions`. */
function visit(paths: readonly NodePath[], skipFunctions: boolean, callback: (path: NodePath) => boolean | void): void {
  let stopped = false;
  for (const root of paths) {
    if (stopped) return;
    if (callback(root) === true) return;
    root.traverse({
      enter(path) {
        if (stopped) return path.stop();
        if (callback(path) === true) {
          stopped = true;
          path.stop();
          return;
        }
        if (skipFunctions && path.isFunction()) path.skip();
      },
    });
  }
}

function getRootIdentifier(node: t.Node): t.Identifier | null {
  let current = node;
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object;
  return current.type === 'Identifier' ? current : null;
}

/**
 * Array methods that change the array in place. Map/Set methods are left out: a Map or Set sent
 * as JSON is `{}` whatever it holds, and `ref.set(data)` / `ref.delete()` are Firestore writes.
 */
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/** The bindings the code under `paths` reads (the response binding left out). */
function getReadBindings(handler: Handler, paths: readonly NodePath[]): Set<Binding> {
  const bindings = new Set<Binding>();
  visit(paths, false, (path) => {
    if (!path.isIdentifier() || !path.isReferencedIdentifier()) return;
    const binding = path.scope.getBinding(path.node.name);
    if (binding && binding !== handler.res) bindings.add(binding);
  });
  return bindings;
}

/** The node at which the code under `paths` changes `binding`'s value or the object it holds, or null. */
function findWrite(binding: Binding, paths: readonly NodePath[], range: Range): t.Node | null {
  const violation = binding.constantViolations.find((v) => within(v.node, range));
  if (violation) return violation.node;
  const isTarget = (node: t.Node | null | undefined, path: NodePath): boolean => {
    if (!node || (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression')) return false;
    const root = getRootIdentifier(node);
    return !!root && path.scope.getBinding(root.name) === binding;
  };
  let found: t.Node | null = null;
  visit(paths, false, (path) => {
    const node = path.node;
    if (
      (node.type === 'AssignmentExpression' && isTarget(node.left, path)) ||
      (node.type === 'UpdateExpression' && isTarget(node.argument, path)) ||
      (node.type === 'UnaryExpression' && node.operator === 'delete' && isTarget(node.argument, path))
    ) {
      found = node;
      return true;
    }
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      const method = getPropertyName(node.callee);
      const object = node.callee.object;
      const isBound = (target: t.Node | undefined): boolean => {
        const root = target ? getRootIdentifier(target) : null;
        return !!root && path.scope.getBinding(root.name) === binding;
      };
      // list.push(x), data.items.sort(), Object.assign(data, extra)
      const isGlobalObject = object.type === 'Identifier' && object.name === 'Object' && !path.scope.getBinding('Object');
      if (
        (method !== null && MUTATING_METHODS.has(method) && isBound(object)) ||
        (method === 'assign' && isGlobalObject && isBound(node.arguments[0]))
      ) {
        found = node;
        return true;
      }
    }
    return false;
  });
  return found;
}

/** Would a `return`/`throw`/`break`/`continue` at `path` leave the work (skipping the response once moved)? */
function leavesWork(path: NodePath, roots: ReadonlySet<t.Node>): boolean {
  const node = path.node;
  if (node.type === 'ReturnStatement') return true;
  let child: NodePath = path;
  let current = path.parentPath;
  while (current) {
    if (node.type === 'ThrowStatement') {
      if (current.isTryStatement() && current.node.handler && child.node === current.node.block) return false;
    } else if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') {
      const label = node.label?.name;
      if (label) {
        if (current.isLabeledStatement() && current.node.label.name === label) return false;
      } else if (current.isLoop() || (node.type === 'BreakStatement' && current.isSwitchStatement())) {
        return false;
      }
    }
    if (roots.has(current.node) || current.isFunction()) break;
    child = current;
    current = current.parentPath;
  }
  return true;
}

function isNextCall(handler: Handler, path: NodePath): boolean {
  if (!path.isIdentifier()) return false;
  const binding = path.scope.getBinding(path.node.name);
  if (handler.next && binding === handler.next) return true;
  if (binding || path.node.name !== 'next') return false;
  const parent = path.parentPath;
  return !!parent?.isCallExpression() && parent.node.callee === path.node;
}

function isProcessExit(path: NodePath): boolean {
  if (!path.isCallExpression()) return false;
  const callee = path.node.callee;
  return (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'process' &&
    getPropertyName(callee) === 'exit' &&
    !path.scope.getBinding('process')
  );
}

const SCHEDULERS = new Set(['setTimeout', 'setImmediate', 'setInterval', 'queueMicrotask']);

/** `setTimeout(fn)`, `setImmediate(fn)`, `process.nextTick(fn)`...: work scheduled for later, which moving does not make finish first. */
function getScheduler(path: NodePath): string | null {
  if (!path.isCallExpression()) return null;
  const callee = path.node.callee;
  if (callee.type === 'Identifier' && SCHEDULERS.has(callee.name) && !path.scope.getBinding(callee.name)) return callee.name;
  if (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'process' &&
    getPropertyName(callee) === 'nextTick' &&
    !path.scope.getBinding('process')
  ) {
    return 'process.nextTick';
  }
  return null;
}

function describe(source: string, node: t.Node): string {
  const text = source.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ');
  return '`' + (text.length > 40 ? `${text.slice(0, 37)}...` : text) + '`';
}

/**
 * Why moving `work` before `responders` is not provably safe, or null when it is. Checked in this
 * order: a second response, a use of the response object, `next`, `process.exit()`, control flow
 * leaving the work, then variables shared between the work and the response.
 */
export function findMoveHazard(
  handler: Handler,
  source: string,
  responders: readonly NodePath[],
  work: readonly NodePath[],
): Hazard | null {
  let hazard: Hazard | null = null;
  visit(work, false, (path) => {
    if (path.isCallExpression() && getResponseCall(handler, path)?.ending) {
      hazard = { kind: 'double-response', node: path.node, reason: `sends a second response (${describe(source, path.node)})` };
      return true;
    }
    return false;
  });
  if (hazard) return hazard;

  const roots = new Set(work.map((path) => path.node));
  visit(work, false, (path) => {
    if (isResponseRef(handler, path)) {
      const parent = path.parentPath;
      const use = parent?.isMemberExpression() && parent.node.object === path.node ? parent.node : path.node;
      hazard = { kind: 'unsafe', node: path.node, reason: `uses the response object (${describe(source, use)})` };
    } else if (isNextCall(handler, path)) {
      hazard = { kind: 'unsafe', node: path.node, reason: `calls ${path.node.type === 'Identifier' ? path.node.name : 'next'}(), which hands control on after the response` };
    } else if (isProcessExit(path)) {
      hazard = { kind: 'unsafe', node: path.node, reason: 'calls process.exit()' };
    } else {
      const scheduler = getScheduler(path);
      if (scheduler) {
        hazard = { kind: 'unsafe', node: path.node, reason: `schedules work with ${scheduler}(), which runs later wherever the call is` };
      }
    }
    return hazard !== null;
  });
  if (hazard) return hazard;

  visit(work, true, (path) => {
    if (
      (path.isReturnStatement() || path.isThrowStatement() || path.isBreakStatement() || path.isContinueStatement()) &&
      leavesWork(path, roots)
    ) {
      const keyword = path.node.type.replace('Statement', '').toLowerCase();
      hazard = { kind: 'unsafe', node: path.node, reason: `contains a \`${keyword}\` that would skip the response once the work runs first` };
      return true;
    }
    return false;
  });
  if (hazard) return hazard;

  const workRange = getRange(work);
  for (const binding of getReadBindings(handler, responders)) {
    if (within(binding.identifier, workRange)) {
      return { kind: 'unsafe', node: binding.identifier, reason: `declares \`${binding.identifier.name}\`, which the response uses` };
    }
    const write = findWrite(binding, work, workRange);
    if (write) {
      return { kind: 'unsafe', node: write, reason: `changes \`${binding.identifier.name}\`, which the response reads` };
    }
  }
  const responseRange = getRange(responders);
  for (const binding of getReadBindings(handler, work)) {
    const write = findWrite(binding, responders, responseRange);
    if (write) {
      return { kind: 'unsafe', node: write, reason: `reads \`${binding.identifier.name}\`, which the response changes` };
    }
  }
  return null;
}

const SYNC_GLOBAL_OBJECTS = new Set(['console', 'JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'Reflect', 'Date', 'Symbol', 'Intl']);
const SYNC_GLOBAL_FUNCTIONS = new Set([
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI',
  'clearTimeout', 'clearInterval', 'String', 'Number', 'Boolean',
]);
const LOG_METHODS = new Set([
  'log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical', 'alert', 'emergency',
]);
const LOGGER_NAME = /^_*(log|logger|console)$|Logger$/i;
const LOGGER_MODULES = new Set(['firebase-functions/logger', 'firebase-functions/v2/logger']);
/** Response methods that only set headers or status: synchronous. */
const RESPONSE_SETTERS = new Set([
  'set', 'header', 'setHeader', 'append', 'type', 'contentType', 'status', 'cookie', 'clearCookie', 'location', 'vary',
  'attachment', 'links', 'removeHeader',
]);

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
    if (!path.scope.getBinding(callee.name)) return SYNC_GLOBAL_FUNCTIONS.has(callee.name);
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
 * call or promise chain, or `void <call>`, except known-synchronous calls. `void` becomes `await`.
 */
export function getAwaitEdits(handler: Handler, work: readonly NodePath[]): { node: t.Node; edit: TextEdit }[] {
  const found: { node: t.Node; edit: TextEdit }[] = [];
  visit(work, true, (path) => {
    if (!path.isExpressionStatement()) return false;
    const expression = path.get('expression');
    let call: NodePath = expression;
    if (expression.isUnaryExpression({ operator: 'void' })) call = expression.get('argument');
    if (!call.isCallExpression() && !call.isOptionalCallExpression()) return false;
    if (isKnownSynchronousCall(handler, call)) return false;
    const start = expression.node.start!;
    found.push({ node: path.node, edit: { start, end: call === expression ? start : call.node.start!, text: 'await ' } });
    return false;
  });
  return found;
}

/** Multi-line template literals and strings under `paths`: their line starts are part of a value. */
export function findMultilineLiterals(paths: readonly NodePath[]): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  visit(paths, false, (path) => {
    const node = path.node;
    if ((node.type === 'TemplateLiteral' || node.type === 'StringLiteral' || node.type === 'JSXText') && node.start != null && node.end != null) {
      ranges.push({ start: node.start, end: node.end });
    }
  });
  return ranges;
}
