/**
 * `--platform server`: which handlers run on a server that keeps its CPU after responding. Only a
 * handler with evidence of a standalone server counts, and only when nothing a function
 * registration could reach leads to it:
 *
 * - a Node `http` listener (`http.createServer(fn)`, `server.on('request', fn)`);
 * - an Express route or middleware on an app (or on a router mounted, at any depth, on an app)
 *   that serves itself: `app.listen(...)` or `http.createServer(app)`.
 *
 * Everything else stays a function, whatever `--platform` says: handlers of the Functions Framework
 * and firebase-functions (`functions.http`, `onRequest`), exported handlers, and Express apps and
 * routers that a registration may reach: passed to any call other than a route method of another
 * app (`onRequest(app)`, `functions.http('api', app)`, `serverless(app)`), exported
 * (`exports.api = app`, `module.exports = app`, `export default router`), called or handed on in
 * any other way (`app(req, res)`, `app.handle(req, res)`, stored, returned). Another file is not
 * read for this: an app or router exported from its module counts as reachable, because a file that
 * imports it may register it (`onRequest(require('./app'))`); so does a handler function that is
 * exported as well as registered on an app.
 */
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { isExpressReceiver, NODE_HTTP_MODULES, ROUTE_METHODS, type FunctionNode, type Handler } from './handlers';
import { getPropertyName, resolveNodeAt, unwrap } from './modules';

/** What shows that a handler runs on a standalone server: the call that serves it. */
export interface ServerEvidence {
  /** `app.listen(...)`, `http.createServer(...)`, `server.on('request', ...)`. */
  node: t.Node;
}

const MAX_DEPTH = 8;

function isCreateServerCall(call: NodePath<t.CallExpression>): boolean {
  const ref = resolveNodeAt(call, call.node.callee);
  return !!ref && NODE_HTTP_MODULES.has(ref.module) && ref.members.length === 1 && ref.members[0] === 'createServer';
}

/** `express()`, `express.Router()` or `Router()` from `express`. */
function isExpressFactoryCall(scopePath: NodePath, node: t.Node | null | undefined): boolean {
  if (!node || node.type !== 'CallExpression') return false;
  const ref = resolveNodeAt(scopePath, node.callee);
  return !!ref && ref.module === 'express' && (ref.members.length === 0 || (ref.members.length === 1 && ref.members[0] === 'Router'));
}

/** Is the declaration of the binding exported (`export const app = express()`, `export function h`)? */
function isDeclaredExported(binding: Binding): boolean {
  let current: NodePath | null = binding.path;
  for (let i = 0; current && i < 3; i++, current = current.parentPath) {
    if (current.isExportNamedDeclaration() || current.isExportDefaultDeclaration()) return true;
  }
  return false;
}

/**
 * The call that serves the Express app or router `node` denotes (at `scopePath`) as a standalone
 * server, or null when a function registration may reach it (or it cannot be told).
 */
function getReceiverEvidence(scopePath: NodePath, node: t.Node, depth: number): ServerEvidence | null {
  if (depth > MAX_DEPTH) return null;
  node = unwrap(node);
  // `app.route('/x').get(a)` and `router.get(a).post(b)`: the chain's receiver.
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const name = getPropertyName(node.callee);
    if (name === 'route' || (name !== null && ROUTE_METHODS.has(name))) return getReceiverEvidence(scopePath, node.callee.object, depth + 1);
    return null;
  }
  if (node.type !== 'Identifier') return null;
  const binding = scopePath.scope.getBinding(node.name);
  if (!binding || !binding.constant || !binding.path.isVariableDeclarator() || binding.path.node.id.type !== 'Identifier') return null;
  if (!isExpressFactoryCall(binding.path, binding.path.node.init) || isDeclaredExported(binding)) return null;
  let evidence: ServerEvidence | null = null;
  for (const ref of binding.referencePaths) {
    const parent = ref.parentPath;
    if (!parent) return null;
    if (parent.isMemberExpression() && parent.node.object === ref.node) {
      const name = getPropertyName(parent.node);
      const call = parent.parentPath;
      const called = !!call?.isCallExpression() && call.node.callee === parent.node;
      // `app.handle(req, res)` dispatches requests that arrive elsewhere (a function, perhaps).
      if (name === 'handle' || (name === 'listen' && !called)) return null;
      if (name === 'listen' && called) evidence ??= { node: call!.node };
      // Any other member (`app.get(...)`, `app.set(...)`, `app.locals`) keeps the app where it is.
      continue;
    }
    if (parent.isCallExpression() && parent.node.arguments.includes(ref.node as t.Expression)) {
      if (isCreateServerCall(parent)) {
        evidence ??= { node: parent.node };
        continue;
      }
      const callee = parent.get('callee');
      const method = callee.isMemberExpression() ? getPropertyName(callee.node) : null;
      if (callee.isMemberExpression() && method !== null && ROUTE_METHODS.has(method) && isExpressReceiver(parent, callee.node.object)) {
        // Mounted on another app or router (`app.use('/api', router)`): served as that one is.
        const mounted = getReceiverEvidence(parent, callee.node.object, depth + 1);
        if (!mounted) return null;
        evidence ??= mounted;
        continue;
      }
    }
    // Passed to any other call (`onRequest(app)`), exported, called, stored or returned.
    return null;
  }
  return evidence;
}

/** The calls that register the handler function: where it is an argument (or in an array argument). */
function getRegistrationCalls(fn: NodePath<FunctionNode>): NodePath<t.CallExpression>[] | null {
  const callOf = (path: NodePath): NodePath<t.CallExpression> | null => {
    let current = path;
    if (current.parentPath?.isArrayExpression()) current = current.parentPath;
    const parent = current.parentPath;
    return parent?.isCallExpression() && parent.node.arguments.includes(current.node as t.Expression) ? parent : null;
  };
  const inline = callOf(fn);
  if (inline) return [inline];
  let binding: Binding | undefined;
  if (fn.isFunctionDeclaration() && fn.node.id) binding = fn.parentPath.scope.getBinding(fn.node.id.name);
  else if (fn.parentPath?.isVariableDeclarator() && fn.parentPath.node.id.type === 'Identifier')
    binding = fn.parentPath.scope.getBinding(fn.parentPath.node.id.name);
  if (!binding || !binding.constant || isDeclaredExported(binding)) return null;
  const calls: NodePath<t.CallExpression>[] = [];
  for (const ref of binding.referencePaths) {
    const call = callOf(ref);
    if (!call) return null;
    calls.push(call);
  }
  return calls.length > 0 ? calls : null;
}

/** The call that serves a handler registered at `call` as a standalone server, or null. */
function getCallEvidence(call: NodePath<t.CallExpression>): ServerEvidence | null {
  if (isCreateServerCall(call)) return { node: call.node };
  const callee = call.get('callee');
  if (!callee.isMemberExpression()) return null;
  const method = getPropertyName(callee.node);
  const object = callee.node.object;
  if (method === 'on' && call.node.arguments[0]?.type === 'StringLiteral' && call.node.arguments[0].value === 'request') {
    // `server.on('request', fn)` on `http.createServer()`.
    const base = unwrap(object);
    if (base.type === 'Identifier') {
      const binding = call.scope.getBinding(base.name);
      const init = binding?.constant && binding.path.isVariableDeclarator() ? binding.path.get('init') : null;
      if (init && !Array.isArray(init) && init.isCallExpression() && isCreateServerCall(init)) return { node: call.node };
    }
    return null;
  }
  if (method !== null && ROUTE_METHODS.has(method) && isExpressReceiver(call, object)) return getReceiverEvidence(call, object, 0);
  return null;
}

const cache = new WeakMap<t.Node, ServerEvidence | null>();

/**
 * Why the handler runs on a standalone server that keeps its CPU after responding (the call that
 * serves it), or null when a function registration may reach it. Meaningful under `--platform
 * server` only: by default every handler is taken to run where work after the response is lost.
 */
export function getServerEvidence(handler: Handler): ServerEvidence | null {
  const key = handler.path.node;
  if (cache.has(key)) return cache.get(key)!;
  let evidence: ServerEvidence | null = null;
  if (handler.kind === 'express' || handler.kind === 'node-http') {
    const calls = getRegistrationCalls(handler.path);
    if (calls) {
      for (const call of calls) {
        const found = getCallEvidence(call);
        if (!found) {
          evidence = null;
          break;
        }
        evidence ??= found;
      }
    }
  }
  cache.set(key, evidence);
  return evidence;
}
