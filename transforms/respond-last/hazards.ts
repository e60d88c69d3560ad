/**
 * Judging work that runs after a response before moving it ahead of the response: whether the
 * move is provably safe (no second response, no use of the response, no control flow leaving the
 * work, no `next()` / `process.exit()`, no variable shared with the response in a way the order
 * matters for, no work scheduled for later with `setTimeout`). Which calls get awaited: lib/awaits.ts.
 */
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { Handler } from '../lib/handlers';
import { getPropertyName, getRootIdentifier, isGlobal, isGlobalMethodCall, resolveNodeAt, unwrap } from '../lib/modules';
import { visitPaths } from '../lib/visit';
import { leavesRoots } from '../lib/jumps';
import { getLineStart } from '../lib/edit/text';
import { quoteSource } from '../lib/findings';
import { getPromiseKind, SYNCHRONOUS_GLOBAL_FUNCTIONS } from '../lib/promises';
import { getResponseCall, isNextCallExpression, isNextRef, isResponseRef, referencesResponse } from '../lib/responses';
import type { SourceFile } from '../lib/source-file';

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

/**
 * Array methods that change the array in place. Map/Set methods are left out: a Map or Set sent
 * as JSON is `{}` whatever it holds, and `ref.set(data)` / `ref.delete()` are Firestore writes.
 */
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/** The bindings the code under `paths` reads (the response binding left out). */
function getReadBindings(handler: Handler, paths: readonly NodePath[]): Set<Binding> {
  const bindings = new Set<Binding>();
  visitPaths(paths, false, (path) => {
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
  visitPaths(paths, false, (path) => {
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
      if ((method !== null && MUTATING_METHODS.has(method) && isBound(object)) || (method === 'assign' && isGlobalObject && isBound(node.arguments[0]))) {
        found = node;
        return true;
      }
    }
    return false;
  });
  return found;
}

/**
 * The bindings whose functions or methods the code under `paths` calls (`cache` for
 * `cache.get(k)`, `nextId` for `nextId()`), with the first such call; the response binding left out.
 */
function getCalleeBindings(handler: Handler, paths: readonly NodePath[]): Map<Binding, t.Node> {
  const found = new Map<Binding, t.Node>();
  visitPaths(paths, false, (path) => {
    if (!path.isCallExpression() && !path.isOptionalCallExpression() && !path.isNewExpression()) return;
    const root = getRootIdentifier(path.node.callee);
    const binding = root ? path.scope.getBinding(root.name) : undefined;
    if (binding && binding !== handler.res && !found.has(binding)) found.set(binding, path.node);
  });
  return found;
}

/** A reference to the handler's `next` (an unbound `next` only where it is called). */
function isNextCall(handler: Handler, path: NodePath): boolean {
  if (!isNextRef(handler, path)) return false;
  if (handler.next && path.scope.getBinding((path.node as t.Identifier).name) === handler.next) return true;
  const parent = path.parentPath;
  return !!parent?.isCallExpression() && parent.node.callee === path.node;
}

const SCHEDULERS = new Set(['setTimeout', 'setImmediate', 'setInterval', 'queueMicrotask']);

/** `setTimeout(fn)`, `setImmediate(fn)`, `process.nextTick(fn)`...: work scheduled for later, which moving does not make finish first. */
function getScheduler(path: NodePath): string | null {
  if (!path.isCallExpression()) return null;
  const callee = path.node.callee;
  if (callee.type === 'Identifier' && SCHEDULERS.has(callee.name) && isGlobal(path, callee.name)) return callee.name;
  return isGlobalMethodCall(path, 'process', 'nextTick') ? 'process.nextTick' : null;
}

/**
 * Why moving `work` before `responders` is not provably safe, or null when it is. Checked in this
 * order: a second response, a use of the response object, `next`, `process.exit()`, scheduled
 * work, control flow leaving the work, a response that awaits something itself
 * (`res.json(await cursor.toArray())`), an object whose methods both call (`res.json(cache.get(k));
 * cache.clear()`), then variables shared between the work and the response.
 */
export function findMoveHazard(handler: Handler, source: string, responders: readonly NodePath[], work: readonly NodePath[]): Hazard | null {
  return (
    findSecondResponse(handler, source, work) ??
    findHandOff(handler, source, work) ??
    findLeavingStatement(work) ??
    findResponseAwait(source, responders) ??
    findSharedCallee(handler, source, responders, work) ??
    findSharedVariable(handler, responders, work)
  );
}

/** A response sent by the work: moved first, it would be the one the client gets. */
function findSecondResponse(handler: Handler, source: string, work: readonly NodePath[]): Hazard | null {
  let hazard: Hazard | null = null;
  visitPaths(work, false, (path) => {
    if (path.isCallExpression() && getResponseCall(handler, path)?.ending) {
      hazard = { kind: 'double-response', node: path.node, reason: `sends a second response (${quoteSource(source, path.node)})` };
      return true;
    }
    return false;
  });
  return hazard;
}

/** The first place in the work, in source order, that uses the response, calls `next`, exits or schedules work. */
function findHandOff(handler: Handler, source: string, work: readonly NodePath[]): Hazard | null {
  let hazard: Hazard | null = null;
  visitPaths(work, false, (path) => {
    hazard = getHandOff(handler, source, path);
    return hazard !== null;
  });
  return hazard;
}

/** A use of the response object, a call of `next`, `process.exit()` or scheduled work at `path`, or null. */
function getHandOff(handler: Handler, source: string, path: NodePath): Hazard | null {
  if (isResponseRef(handler, path)) {
    const parent = path.parentPath;
    const use = parent?.isMemberExpression() && parent.node.object === path.node ? parent.node : path.node;
    return { kind: 'unsafe', node: path.node, reason: `uses the response object (${quoteSource(source, use)})` };
  }
  if (isNextCall(handler, path)) {
    const name = path.node.type === 'Identifier' ? path.node.name : 'next';
    const parent = path.parentPath;
    if (parent?.isCallExpression() && parent.node.callee === path.node) {
      return { kind: 'unsafe', node: path.node, reason: `calls ${name}(), which hands control on after the response` };
    }
    // Read, not called: passed on (`helper(next)`), or a third parameter that is not Express's `next` at all.
    return {
      kind: 'unsafe',
      node: path.node,
      reason: `uses \`${name}\`, the parameter after the response (Express's \`next\`), which may hand control on after the response`,
    };
  }
  if (isGlobalMethodCall(path, 'process', 'exit')) return { kind: 'unsafe', node: path.node, reason: 'calls process.exit()' };
  const scheduler = getScheduler(path);
  if (scheduler) return { kind: 'unsafe', node: path.node, reason: `schedules work with ${scheduler}(), which runs later wherever the call is` };
  return null;
}

/** A `return`, `throw`, `break` or `continue` that leaves the work: once it runs first, the response would be skipped. */
function findLeavingStatement(work: readonly NodePath[]): Hazard | null {
  const roots = new Set(work.map((path) => path.node));
  let hazard: Hazard | null = null;
  visitPaths(work, true, (path) => {
    if ((path.isReturnStatement() || path.isThrowStatement() || path.isBreakStatement() || path.isContinueStatement()) && leavesRoots(path, roots)) {
      const keyword = path.node.type.replace('Statement', '').toLowerCase();
      hazard = { kind: 'unsafe', node: path.node, reason: `contains a \`${keyword}\` that would skip the response once the work runs first` };
      return true;
    }
    return false;
  });
  return hazard;
}

/** The response itself awaits something (`res.json(await cursor.toArray())`): it must stay after the work it may depend on. */
function findResponseAwait(source: string, responders: readonly NodePath[]): Hazard | null {
  let hazard: Hazard | null = null;
  visitPaths(responders, true, (path) => {
    if ((path.isAwaitExpression() || path.isYieldExpression()) && !path.parentPath?.isExpressionStatement()) {
      hazard = { kind: 'unsafe', node: path.node, reason: `runs before the response's own ${quoteSource(source, path.node)}, which may depend on it` };
      return true;
    }
    return false;
  });
  return hazard;
}

/** An object (or function) both the work and the response call (`res.json(cache.get(k)); cache.clear()`): their order may matter. */
function findSharedCallee(handler: Handler, source: string, responders: readonly NodePath[], work: readonly NodePath[]): Hazard | null {
  const workCallees = getCalleeBindings(handler, work);
  for (const [binding, call] of getCalleeBindings(handler, responders)) {
    if (workCallees.has(binding)) {
      return {
        kind: 'unsafe',
        node: workCallees.get(binding)!,
        reason: `calls \`${binding.identifier.name}\` as the response does (${quoteSource(source, call)}), and their order may matter`,
      };
    }
  }
  return null;
}

/** A variable the work declares or changes and the response reads, or one the work reads and the response changes. */
function findSharedVariable(handler: Handler, responders: readonly NodePath[], work: readonly NodePath[]): Hazard | null {
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

/** Multi-line template literals and strings under `paths`: their line starts are part of a value. */
export function findMultilineLiterals(paths: readonly NodePath[]): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  visitPaths(paths, false, (path) => {
    const node = path.node;
    if ((node.type === 'TemplateLiteral' || node.type === 'StringLiteral' || node.type === 'JSXText') && node.start != null && node.end != null) {
      ranges.push({ start: node.start, end: node.end });
    }
  });
  return ranges;
}

/**
 * What a `return <value>;` ending the work after a response does, when it deserves a finding:
 * sends a second response, hands the response on (`return helper(req, res)`), or returns a value
 * that may be a promise nobody awaits (the await-then-send case: it makes it `await p;`, then the
 * work can move). Null for `return;`, literals, `undefined`, `res` and `next(...)`.
 */
export function judgeReturnAfterResponse(handler: Handler, statement: NodePath | null): 'second-response' | 'hand-off' | 'value' | 'rejection' | null {
  if (!statement?.isReturnStatement()) return null;
  const argument = statement.get('argument');
  if (!argument.node) return null;
  const node = unwrap(argument.node);
  if (node.type.endsWith('Literal') && node.type !== 'TemplateLiteral') return null;
  if (node.type === 'Identifier' && (node.name === 'undefined' || isResponseRef(handler, argument as NodePath))) return null;
  if (node.type === 'UnaryExpression' && node.operator === 'void') return null;
  if (isNextCallExpression(handler, argument as NodePath)) return null;
  if (isGlobalMethodCall(argument as NodePath, 'Promise', 'reject')) return 'rejection';
  let second = !!getResponseCall(handler, argument as NodePath)?.ending;
  visitPaths([argument as NodePath], false, (path) => {
    second ||= path.isCallExpression() && !!getResponseCall(handler, path)?.ending;
    return second;
  });
  if (second) return 'second-response';
  return referencesResponse(handler, argument as NodePath) ? 'hand-off' : 'value';
}

/** A comment on the response (or on the line before it) saying it must go first. */
const FIRST_ON_PURPOSE =
  /\back(nowledg\w*)?\b|\b(reply|respond|answer)\w* (first|immediately|right away|at once)|\bwithin \d+\s*(ms|s|sec|secs|seconds?|minutes?)\b|\bbefore (the )?(work|processing|timeout)|\btimeout\b/i;

/** Comments on the responders' lines, or on the line just before the first of them. */
function getResponseComments(file: SourceFile, responders: readonly NodePath[]): string[] {
  const first = responders[0]?.node;
  const last = responders[responders.length - 1]?.node;
  if (!first || !last) return [];
  const lineStart = getLineStart(file.source, first.start ?? 0);
  const previousLineStart = lineStart > 0 ? getLineStart(file.source, lineStart - 1) : 0;
  const lineEnd = file.source.indexOf('\n', last.end ?? 0);
  const end = lineEnd === -1 ? file.source.length : lineEnd;
  return (file.ast.comments ?? []).filter((c) => (c.start ?? 0) >= previousLineStart && (c.end ?? 0) <= end).map((c) => c.value);
}

/**
 * The bindings passed as arguments to calls under `paths` (`file` in `readFileSync(file)`); the
 * response's own calls left out (`id` in `res.send(id)` is only sent).
 */
function getArgumentBindings(handler: Handler, paths: readonly NodePath[]): Map<Binding, t.Node> {
  const found = new Map<Binding, t.Node>();
  visitPaths(paths, false, (path) => {
    if (!path.isCallExpression() && !path.isNewExpression()) return;
    if (path.isCallExpression() && getResponseCall(handler, path)) return;
    for (const arg of path.node.arguments) {
      const root = getRootIdentifier(arg);
      const binding = root ? path.scope.getBinding(root.name) : undefined;
      if (binding && binding !== handler.res && !found.has(binding)) found.set(binding, path.node);
    }
  });
  return found;
}

/**
 * `resolve(x);` of the promise executor it is in: a completion signal, not work. Right after the
 * response it runs at once, in the same turn.
 */
export function isExecutorSettleStatement(statement: NodePath): boolean {
  return statement.isExpressionStatement() && isExecutorSettle(statement.get('expression'));
}

function isExecutorSettle(path: NodePath): boolean {
  if (!path.isCallExpression() || path.node.callee.type !== 'Identifier') return false;
  const binding = path.scope.getBinding(path.node.callee.name);
  if (binding?.kind !== 'param') return false;
  const fn = binding.scope.path;
  const parent = fn.parentPath;
  return (
    !!parent?.isNewExpression() &&
    parent.node.arguments[0] === fn.node &&
    parent.node.callee.type === 'Identifier' &&
    parent.node.callee.name === 'Promise' &&
    isGlobal(parent, 'Promise')
  );
}

/** Does the code touch the connection the response uses (`req.socket`, `req.destroy()`, `server.close()`)? */
function getConnectionUse(handler: Handler, path: NodePath): t.Node | null {
  if (!path.isMemberExpression()) return null;
  const name = getPropertyName(path.node);
  const object = path.node.object;
  if (name === 'socket' || name === 'connection') return path.node;
  if (name === 'destroy' && object.type === 'Identifier') {
    const binding = path.scope.getBinding(object.name);
    const params = handler.path.node.params;
    if (binding?.kind === 'param' && binding.scope.block === handler.path.node && params.includes(binding.path.node as t.Identifier)) return path.node;
  }
  if (name === 'close' && object.type === 'Identifier' && /server/i.test(object.name)) return path.node;
  return null;
}

/**
 * Why moving `work` before the response would change what it does, judged by meaning: a
 * completion signal of a promise executor (`resolve()`), a rejection (`await Promise.reject(e)`),
 * callback-style work (moving it does not make it finish first), the connection the response
 * uses, a file or value both pass to calls (`res.send(readFileSync(f)); unlink(f)`), or a response
 * whose comment says it goes first on purpose (an acknowledgement within a deadline).
 */
export function findOrderHazard(file: SourceFile, handler: Handler, responders: readonly NodePath[], work: readonly NodePath[]): Hazard | null {
  const { source } = file;
  const comment = getResponseComments(file, responders).find((c) => FIRST_ON_PURPOSE.test(c));
  if (comment !== undefined) {
    return {
      kind: 'unsafe',
      node: responders[0]!.node,
      reason: `follows a response whose comment says it must go first (\`${comment.trim().slice(0, 60)}\`); replying first means the work may never run on these platforms: hand it to a task queue, or keep the order with a disable comment`,
    };
  }
  let hazard: Hazard | null = null;
  visitPaths(work, false, (path) => {
    if (isExecutorSettle(path)) {
      hazard = {
        kind: 'unsafe',
        node: path.node,
        reason: `settles a promise (${quoteSource(source, path.node)}), a completion signal that must stay after the response`,
      };
    } else if (isGlobalMethodCall(path, 'Promise', 'reject')) {
      hazard = {
        kind: 'unsafe',
        node: path.node,
        reason: `rejects (${quoteSource(source, path.node)}) after the response; moved first, the response would never be sent`,
      };
    } else {
      const connection = getConnectionUse(handler, path);
      if (connection) hazard = { kind: 'unsafe', node: connection, reason: `touches the connection the response uses (${quoteSource(source, connection)})` };
    }
    return hazard !== null;
  });
  if (hazard) return hazard;
  visitPaths(work, true, (path) => {
    if (!path.isCallExpression()) return false;
    const args = path.node.arguments;
    const last = args[args.length - 1];
    if (!last || (last.type !== 'ArrowFunctionExpression' && last.type !== 'FunctionExpression')) return false;
    const method = path.node.callee.type === 'MemberExpression' ? getPropertyName(path.node.callee) : null;
    if (method !== null && ['then', 'catch', 'finally', 'forEach', 'map', 'filter', 'some', 'every', 'find', 'reduce'].includes(method)) return false;
    if (getPromiseKind(path, file) === 'promise') return false;
    hazard = {
      kind: 'unsafe',
      node: path.node,
      reason: `is a callback-style call (${quoteSource(source, path.node)}): moving it before the response does not make it finish first; use the API's promise form and await it`,
    };
    return true;
  });
  if (hazard) return hazard;
  const workArguments = getArgumentBindings(handler, work);
  for (const [binding, call] of getArgumentBindings(handler, responders)) {
    const other = workArguments.get(binding);
    if (other) {
      return {
        kind: 'unsafe',
        node: other,
        reason: `passes \`${binding.identifier.name}\` to a call, as the response does (${quoteSource(source, call)}), and the work may change what the response reads`,
      };
    }
  }
  return null;
}

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']);
/** firebase-functions' logger functions: they write one JSON line through the console. */
const FIREBASE_LOGGER_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'write']);
const FIREBASE_LOGGER_MODULES = new Set(['firebase-functions/logger', 'firebase-functions/v2/logger']);
const FIREBASE_MODULES = new Set(['firebase-functions', 'firebase-functions/v1', 'firebase-functions/v2']);
/** Globals whose methods only compute (`JSON.stringify(body)`): allowed in a log line's arguments. */
const COMPUTING_GLOBALS = new Set(['JSON', 'Math', 'Object', 'Array', 'Number', 'String', 'Date']);

/**
 * A console write (`console.error('booking failed', err);`) or a firebase-functions logger call
 * (`logger.error(...)`, `functions.logger.warn(...)`, which write through the console), whose
 * arguments start nothing: right after the response it runs at once, in the same turn, and the
 * console writes synchronously where a function's output goes (files, and on Linux pipes and
 * sockets, per Node's process.stdout documentation). Nothing of it can be lost, so it is not work
 * to move; moved before the response, a log line that throws would change the response.
 */
export function isImmediateLogStatement(statement: NodePath): boolean {
  if (!statement.isExpressionStatement()) return false;
  const call = statement.get('expression');
  if (!call.isCallExpression() || !isLogCall(call)) return false;
  let startsSomething = false;
  for (const argument of call.get('arguments')) {
    visitPaths([argument], false, (path) => {
      if (startsSomething) return true;
      if (path.isFunction() || path.isAwaitExpression() || path.isYieldExpression() || path.isNewExpression()) startsSomething = true;
      else if (path.isAssignmentExpression() || path.isUpdateExpression() || path.isTaggedTemplateExpression()) startsSomething = true;
      else if ((path.isCallExpression() || path.isOptionalCallExpression()) && !isComputingCall(path)) startsSomething = true;
      return startsSomething;
    });
  }
  return !startsSomething;
}

function isLogCall(call: NodePath<t.CallExpression>): boolean {
  const callee = call.node.callee;
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console') {
    return isGlobal(call, 'console') && CONSOLE_METHODS.has(getPropertyName(callee) ?? '');
  }
  const ref = resolveNodeAt(call, callee);
  if (!ref) return false;
  const [first, second] = ref.members;
  if (FIREBASE_LOGGER_MODULES.has(ref.module)) return ref.members.length === 1 && FIREBASE_LOGGER_METHODS.has(first!);
  return FIREBASE_MODULES.has(ref.module) && ref.members.length === 2 && first === 'logger' && FIREBASE_LOGGER_METHODS.has(second!);
}

/** `JSON.stringify(x)`, `String(n)`: a call of a global that only computes. */
function isComputingCall(path: NodePath): boolean {
  const callee = (path.node as t.CallExpression).callee;
  if (callee.type === 'Identifier') return SYNCHRONOUS_GLOBAL_FUNCTIONS.has(callee.name) && isGlobal(path, callee.name);
  return (
    callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && COMPUTING_GLOBALS.has(callee.object.name) && isGlobal(path, callee.object.name)
  );
}
