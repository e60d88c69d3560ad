/**
 * Who owns the response: the handler, or code it handed the response to (an SDK object built with
 * it, a piped stream, a listener or middleware callback, a helper, `next`). A handler whose
 * response is handed off never gets a response added by sendlast: whatever holds the response may
 * send it later, and a second response throws ERR_HTTP_HEADERS_SENT.
 *
 * Not hand-offs: calling the response's own methods, reading `res.headersSent`/`res.locals`,
 * logging it, `return res`, callbacks of array methods (they run at once), callbacks of a promise
 * chain the handler itself awaits or returns, and local helpers that only call the response's
 * methods synchronously (`sendError(res, 400, msg)`).
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { FunctionNode, Handler } from './handlers';
import { quoteSource } from './findings';
import { getPropertyName } from './modules';
import { getCalledFunction } from './promises';
import { getChainTop, getResponseCall } from './responses';
import type { SourceFile } from './source-file';

export type Ownership =
  | { handedOff: false }
  | {
      handedOff: true;
      /** Where the response went (the call, pipe, assignment or callback). */
      node: t.Node;
      /** Completes "the response is handed off: ...", e.g. "piped into by `stream.pipe(res)`". */
      reason: string;
    };

/** Array methods whose callbacks run before the call returns. */
export const SYNCHRONOUS_ARRAY_METHODS: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'reduce',
  'reduceRight',
  'flatMap',
  'sort',
  'toSorted',
]);
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const INERT_OBJECTS = new Set(['console']);

const cache = new WeakMap<Handler, Ownership>();

export type HandOff = Extract<Ownership, { handedOff: true }>;

/**
 * How a transform that is about to rewrite the handler sees it: `bodies` are callbacks it treats as
 * the handler's own body (`cors(req, res, () => {...})`: the call that takes the callback is not a
 * hand-off, and neither is the callback); `awaited` are promise chains (their outermost call) that
 * the rewrite will await in the handler or in one of those bodies.
 */
export interface OwnershipView {
  bodies?: ReadonlySet<t.Node>;
  awaited?: ReadonlySet<t.Node>;
}

const NO_VIEW: OwnershipView = {};

/** Whether the handler's response is handed off to code that will (or may) send it. */
export function getOwnership(handler: Handler, file: SourceFile): Ownership {
  let ownership = cache.get(handler);
  if (!ownership) {
    ownership = findHandOffs(handler, file, NO_VIEW, true)[0] ?? { handedOff: false };
    cache.set(handler, ownership);
  }
  return ownership;
}

/** Every hand-off of the handler's response, in source order, as a rewrite described by `view` would leave them. */
export function getHandOffs(handler: Handler, file: SourceFile, view: OwnershipView): HandOff[] {
  return findHandOffs(handler, file, view, false);
}

function handOff(node: t.Node, reason: string): Ownership {
  return { handedOff: true, node, reason };
}

/** The references to the response: `res` itself, and `req.res`. */
function getResponseRefs(handler: Handler): NodePath[] {
  const refs: NodePath[] = [...handler.res.referencePaths];
  const params = handler.path.node.params;
  const resIndex = params.indexOf(handler.res.path.node as t.Identifier);
  const reqParam = resIndex > 0 ? params[resIndex - 1] : undefined;
  if (reqParam?.type === 'Identifier') {
    const req = handler.path.scope.getOwnBinding(reqParam.name);
    for (const ref of req?.referencePaths ?? []) {
      const parent = ref.parentPath;
      if (parent?.isMemberExpression() && parent.node.object === ref.node && getPropertyName(parent.node) === 'res') refs.push(parent);
    }
  }
  return refs.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
}

function findHandOffs(handler: Handler, file: SourceFile, view: OwnershipView, firstOnly: boolean): HandOff[] {
  const found: HandOff[] = [];
  for (const ref of getResponseRefs(handler)) {
    const verdict = judgeReference(handler, file, ref, view);
    if (verdict?.handedOff) {
      found.push(verdict);
      if (firstOnly) return found;
    }
  }
  if (handler.next) {
    for (const ref of handler.next.referencePaths) {
      const parent = ref.parentPath;
      if (parent?.isCallExpression() && parent.node.callee === ref.node) {
        found.push({ handedOff: true, node: parent.node, reason: `control passes to the next handler with ${quoteSource(file.source, parent.node, 50)}` });
      } else {
        found.push({ handedOff: true, node: ref.node, reason: `\`${handler.next.identifier.name}\` is handed on, and with it the response` });
      }
      if (firstOnly) return found;
    }
  }
  return found;
}

/** Is this reference of the response a hand-off, and where to? */
function judgeReference(handler: Handler, file: SourceFile, ref: NodePath, view: OwnershipView): Ownership | null {
  for (const capture of getCapturingFunctions(handler, ref)) {
    if (view.bodies?.has(capture.node)) continue;
    const verdict = judgeCapture(handler, file, capture, view);
    if (verdict) return verdict;
  }
  const parent = ref.parentPath;
  if (!parent) return null;
  // `res.send(x)`, `res.headersSent`: the response's own members.
  if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === ref.node) return null;
  if (parent.isReturnStatement() || parent.isExpressionStatement() || parent.isAwaitExpression()) return null;
  if (parent.isCallExpression() || parent.isNewExpression() || parent.isOptionalCallExpression()) {
    if (parent.node.callee === ref.node) return null;
    if (view.bodies?.has(parent.node)) return null;
    return judgeArgument(file, parent as NodePath<t.CallExpression>, ref);
  }
  // `{ request, response }`, `[res]`, `stream.pipeline(src, res, cb)`...
  let container: NodePath = parent;
  while (container.isObjectProperty() || container.isObjectExpression() || container.isArrayExpression() || container.isSpreadElement()) {
    container = container.parentPath!;
  }
  if (container.isCallExpression() || container.isNewExpression()) {
    return handOff(container.node, `passed to ${quoteSource(file.source, container.node, 50)}`);
  }
  if (parent.isVariableDeclarator() || parent.isAssignmentExpression() || container !== parent) {
    return handOff(parent.node, `stored by ${quoteSource(file.source, parent.node, 50)}`);
  }
  return null;
}

function judgeArgument(file: SourceFile, call: NodePath<t.CallExpression>, ref: NodePath): Ownership | null {
  const callee = call.node.callee;
  if (callee.type === 'MemberExpression') {
    const object = callee.object;
    if (object.type === 'Identifier' && INERT_OBJECTS.has(object.name) && !call.scope.getBinding(object.name)) return null;
    if (getPropertyName(callee) === 'pipe') return handOff(call.node, `piped into by ${quoteSource(file.source, call.node, 50)}`);
  }
  if (call.isCallExpression() && respondsSynchronously(file, call, ref)) return null;
  return handOff(call.node, `passed to ${quoteSource(file.source, call.node, 50)}`);
}

/**
 * Does the local function called here only use the parameter the response is passed as for
 * synchronous calls of its methods (`function sendError(res, code, msg) { res.status(code).send(msg) }`)?
 */
function respondsSynchronously(file: SourceFile, call: NodePath<t.CallExpression>, ref: NodePath): boolean {
  const index = call.node.arguments.indexOf(ref.node as t.Expression);
  if (index === -1) return false;
  const target = getCalledFunction(call, file);
  if (!target || target.fn.node.async || target.fn.node.generator) return false;
  const param = target.fn.node.params[index];
  if (!param || param.type !== 'Identifier') return false;
  const binding = target.fn.scope.getOwnBinding(param.name);
  if (!binding || !binding.constant) return false;
  return binding.referencePaths.every((use) => {
    if (use.getFunctionParent()?.node !== target.fn.node) return false;
    const parent = use.parentPath;
    if (!(parent?.isMemberExpression() && parent.node.object === use.node)) return false;
    // Only chains of method calls on it: `res.status(code).send(msg)`.
    const top = getChainTop(parent);
    const holder = top.parentPath;
    // A statement, a `return`, or the concise body of an arrow: `const end = (r, code) => r.status(code).end();`.
    if (!holder) return false;
    if (holder.isArrowFunctionExpression()) return holder.node.body === top.node;
    return holder.isExpressionStatement() || holder.isReturnStatement();
  });
}

/**
 * Is `call` a call of a local helper that is handed the handler's response, only calls its methods
 * synchronously, and returns nothing but what those calls return (`function sendError(res, code,
 * msg) { return res.status(code).json({ error: msg }); }`)? Its result is then the response object
 * or undefined, never a promise: `return sendError(res, 400, msg)` is a response, not work.
 */
export function isResponseHelperCall(handler: Handler, file: SourceFile, call: NodePath): boolean {
  if (!call.isCallExpression()) return false;
  const ref = call.get('arguments').find((arg) => handler.res.referencePaths.some((use) => use.node === arg.node));
  if (!ref || !respondsSynchronously(file, call, ref)) return false;
  const target = getCalledFunction(call, file)!;
  const param = target.fn.node.params[call.node.arguments.indexOf(ref.node as t.Expression)] as t.Identifier;
  const body = target.fn.get('body');
  if (!body.isBlockStatement()) return isMethodChainOn(body, param.name);
  let onlyResponses = true;
  body.traverse({
    Function(inner) {
      inner.skip();
    },
    ReturnStatement(statement) {
      const argument = statement.get('argument');
      if (argument.node && !isMethodChainOn(argument as NodePath, param.name)) {
        onlyResponses = false;
        statement.stop();
      }
    },
  });
  return onlyResponses;
}

/** `name.a(x).b(y)`: calls of methods on `name`, the last one a call. */
function isMethodChainOn(path: NodePath, name: string): boolean {
  let current = path.node;
  if (current.type !== 'CallExpression') return false;
  while (current.type === 'CallExpression' || current.type === 'MemberExpression') {
    current = current.type === 'CallExpression' ? current.callee : current.object;
  }
  return current.type === 'Identifier' && current.name === name;
}

/** The functions between the reference and the handler (each captures the response), innermost first. */
function getCapturingFunctions(handler: Handler, ref: NodePath): NodePath<FunctionNode>[] {
  const found: NodePath<FunctionNode>[] = [];
  for (let current = ref.parentPath; current && current.node !== handler.path.node; current = current.parentPath) {
    if (current.isFunction()) found.push(current as NodePath<FunctionNode>);
  }
  return found;
}

/** A function that uses the response: where does it go? */
function judgeCapture(handler: Handler, file: SourceFile, fn: NodePath<FunctionNode>, view: OwnershipView): Ownership | null {
  const parent = fn.parentPath;
  if (parent?.isCallExpression() && parent.node.arguments.includes(fn.node as t.Expression)) {
    const callee = parent.node.callee;
    const method = callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
    if (method !== null && SYNCHRONOUS_ARRAY_METHODS.has(method) && !isChainCall(parent)) return null;
    if (method !== null && CHAIN_METHODS.has(method)) {
      if (isAwaitedByHandler(handler, parent, view)) return null;
      return handOff(
        fn.node,
        `used in a callback of a promise chain nobody waits for (${quoteSource(file.source, parent.node, 50)}), which may respond at any time`,
      );
    }
    return handOff(fn.node, `used in a callback passed to ${quoteSource(file.source, parent.node.callee, 50)}(...), which may respond at any time`);
  }
  if (parent?.isNewExpression())
    return handOff(fn.node, `used in a callback passed to \`new ${file.source.slice(parent.node.callee.start ?? 0, parent.node.callee.end ?? 0)}(...)\``);
  if (fn.isFunctionDeclaration() || parent?.isVariableDeclarator() || parent?.isAssignmentExpression()) {
    return handOff(fn.node, `used in a function stored for later (${describeFunction(fn)}), which may respond at any time`);
  }
  if (parent?.isCallExpression() && parent.node.callee === fn.node) return null; // an IIFE runs at once
  return handOff(fn.node, `used in a function (${describeFunction(fn)}) that may run at any time`);
}

function describeFunction(fn: NodePath<FunctionNode>): string {
  const node = fn.node;
  if (node.type === 'FunctionDeclaration' && node.id) return `\`${node.id.name}\``;
  const parent = fn.parentPath;
  if (parent?.isVariableDeclarator() && parent.node.id.type === 'Identifier') return `\`${parent.node.id.name}\``;
  return `line ${node.loc?.start.line ?? '?'}`;
}

function isChainCall(call: NodePath<t.CallExpression>): boolean {
  const callee = call.node.callee;
  return callee.type === 'MemberExpression' && CHAIN_METHODS.has(getPropertyName(callee) ?? '');
}

/**
 * Is the promise chain that `call` is part of awaited or returned by the handler, through callbacks
 * that each return it (`return db.get().then((d) => res.json(d))`)?
 */
function isAwaitedByHandler(handler: Handler, call: NodePath, view: OwnershipView): boolean {
  let top: NodePath = call;
  for (;;) {
    const parent: NodePath | null = top.parentPath;
    if (parent?.isMemberExpression() && parent.node.object === top.node && parent.parentPath?.isCallExpression()) {
      const method = getPropertyName(parent.node);
      if (method !== null && CHAIN_METHODS.has(method)) {
        top = parent.parentPath;
        continue;
      }
    }
    break;
  }
  if (view.awaited?.has(top.node)) return true;
  const parent = top.parentPath;
  if (!parent) return false;
  const fn = top.getFunctionParent();
  const owner = parent.isAwaitExpression() || parent.isReturnStatement() ? fn : parent.isArrowFunctionExpression() ? (parent as NodePath<FunctionNode>) : null;
  if (!owner) return false;
  if (
    parent.isAwaitExpression() &&
    !parent.parentPath?.isExpressionStatement() &&
    !parent.parentPath?.isVariableDeclarator() &&
    !parent.parentPath?.isReturnStatement()
  ) {
    return false;
  }
  if (owner.node === handler.path.node) return true;
  // The caller of a body callback (`cors`) ignores what it returns: only `await` there waits.
  if (view.bodies?.has(owner.node)) return parent.isAwaitExpression();
  // A chain returned from a callback of a chain the handler awaits.
  const ownerParent = owner.parentPath;
  if (!parent.isReturnStatement() && !parent.isArrowFunctionExpression()) return false;
  return !!ownerParent?.isCallExpression() && isChainCall(ownerParent) && isAwaitedByHandler(handler, ownerParent, view);
}

/** A response sent while a promise chain is built: `work().then(res.status(200).send(x))`. */
export interface EagerResponse {
  /** The call that sends it, given as an argument: `res.status(200).send(x)`, `sendDeleted(res, 'game')`. */
  response: NodePath<t.CallExpression>;
  /** The call of the chain method it is given to. */
  chain: NodePath<t.CallExpression>;
  method: 'then' | 'catch' | 'finally';
  /** Given as the rejection handler: to `.catch`, or as the second argument of `.then`. */
  onRejection: boolean;
}

const eagerCache = new WeakMap<Handler, readonly EagerResponse[]>();

/**
 * Responses given to `.then`, `.catch` or `.finally` as calls rather than functions: the call runs
 * as the chain is built, before the work it follows settles (whether it fails or not), and the
 * chain method is handed its result, the response object or undefined, which it ignores.
 */
export function findEagerResponses(handler: Handler, file: SourceFile): readonly EagerResponse[] {
  let found = eagerCache.get(handler);
  if (found) return found;
  const list: EagerResponse[] = [];
  for (const ref of handler.res.referencePaths) {
    const response = getSendingCall(handler, file, ref);
    const chain = response?.parentPath;
    if (!response || !chain?.isCallExpression() || !chain.node.arguments.includes(response.node)) continue;
    const callee = chain.node.callee;
    const method = callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
    if ((method === 'then' || method === 'catch' || method === 'finally') && !list.some((e) => e.response.node === response.node)) {
      const onRejection = method === 'catch' || (method === 'then' && chain.node.arguments.indexOf(response.node) === 1);
      list.push({ response, chain, method, onRejection });
    }
  }
  found = list;
  eagerCache.set(handler, found);
  return found;
}

/** The call that sends a response through this reference: an ending chain on it, or a local response helper it is passed to. */
function getSendingCall(handler: Handler, file: SourceFile, ref: NodePath): NodePath<t.CallExpression> | null {
  const top = getChainTop(ref);
  if (top !== ref) return top.isCallExpression() && getResponseCall(handler, top)?.ending ? top : null;
  const parent = ref.parentPath;
  return parent?.isCallExpression() && isResponseHelperCall(handler, file, parent) ? parent : null;
}
