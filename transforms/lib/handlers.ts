/**
 * Recognising HTTP handlers: functions registered as one (Functions Framework, firebase-functions
 * `onRequest`, Express routes, Node's `createServer`) or exported with a response as second
 * parameter. Background functions (onCall, Pub/Sub, Firestore, ...) are never handlers: there,
 * returning a promise is correct.
 */
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { getPropertyName, resolveNodeAt, unwrap, type ModuleRef } from './modules';
import { getResponseUse } from './response-members';

export type HandlerKind = 'functions-framework' | 'firebase' | 'express' | 'node-http' | 'export';

export type FunctionNode = t.ArrowFunctionExpression | t.FunctionExpression | t.FunctionDeclaration | t.ObjectMethod | t.ClassMethod;

export interface Handler {
  path: NodePath<FunctionNode>;
  kind: HandlerKind;
  /** The response parameter's binding: response calls are matched against it, never by name. */
  res: Binding;
  /** The parameter after the response (`next` of Express routes and middleware), if any. */
  next: Binding | null;
  /**
   * Why the function, although registered or exported as an HTTP handler, does not look like one
   * (swapped `(res, req)`, a background signature `(event, context)`, a `res` that is not its
   * response): the transforms leave it alone and report this.
   */
  problem: string | null;
}

/** Express route and middleware registration methods (`app.get(path, fn)`, `router.use(fn)`). */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options']);
export const NODE_HTTP_MODULES: ReadonlySet<string> = new Set(['http', 'https', 'node:http', 'node:https', 'http2', 'node:http2']);
const FIREBASE_V1 = new Set(['firebase-functions', 'firebase-functions/v1']);
const FIREBASE_V2 = 'firebase-functions/v2';
const FIREBASE_HTTPS = new Set(['firebase-functions/v2/https', 'firebase-functions/https']);
const FUNCTIONS_FRAMEWORK = '@google-cloud/functions-framework';
const EXPRESS = 'express';
/**
 * The modules registrations resolve to, each with the name a registration callee ends in (null: an
 * Express app, `express()` or `express.Router()`, then any route method). The filters in front of
 * `findHandlers` (filters/precheck.ts, filters/candidates.ts) skip files that import none of these or never name
 * the API.
 */
export const REGISTRATION_API_BY_MODULE: ReadonlyMap<string, string | null> = new Map<string, string | null>([
  [FUNCTIONS_FRAMEWORK, 'http'],
  ...[...FIREBASE_V1, FIREBASE_V2, ...FIREBASE_HTTPS].map((module) => [module, 'onRequest'] as const),
  ...[...NODE_HTTP_MODULES].map((module) => [module, 'createServer'] as const),
  [EXPRESS, null],
]);
export const RESPONSE_NAME = /^_*(res|resp|response)$/i;

export function isFunctionNode(node: t.Node | null | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === 'ArrowFunctionExpression' ||
      node.type === 'FunctionExpression' ||
      node.type === 'FunctionDeclaration' ||
      node.type === 'ObjectMethod' ||
      node.type === 'ClassMethod')
  );
}

function refIs(ref: ModuleRef | null, modules: ReadonlySet<string> | string, members: readonly string[]): boolean {
  if (!ref) return false;
  const moduleMatches = typeof modules === 'string' ? ref.module === modules : modules.has(ref.module);
  return moduleMatches && ref.members.length === members.length && ref.members.every((m, i) => m === members[i]);
}

/** Which registration API a call's callee is, if any. */
function getRegistration(call: NodePath<t.CallExpression>): { kind: HandlerKind; argIndex: 'last' | 1 } | null {
  const ref = resolveNodeAt(call, call.node.callee);
  if (!ref) return null;
  if (refIs(ref, FUNCTIONS_FRAMEWORK, ['http'])) return { kind: 'functions-framework', argIndex: 1 };
  if (refIs(ref, FIREBASE_V1, ['https', 'onRequest']) || refIs(ref, FIREBASE_V2, ['https', 'onRequest']) || refIs(ref, FIREBASE_HTTPS, ['onRequest'])) {
    return { kind: 'firebase', argIndex: 'last' };
  }
  if (refIs(ref, NODE_HTTP_MODULES, ['createServer'])) return { kind: 'node-http', argIndex: 'last' };
  return null;
}

/** Is `node` (at `scopePath`) an `express()` app, an `express.Router()`, or a route chain of one? */
export function isExpressReceiver(scopePath: NodePath, node: t.Node, depth = 0): boolean {
  if (depth > 8) return false;
  node = unwrap(node);
  if (node.type === 'Identifier') {
    const binding = scopePath.scope.getBinding(node.name);
    if (!binding || !binding.constant || !binding.path.isVariableDeclarator()) return false;
    const init = binding.path.node.init;
    return !!init && binding.path.node.id.type === 'Identifier' && isExpressReceiver(binding.path, init, depth + 1);
  }
  if (node.type !== 'CallExpression') return false;
  const ref = resolveNodeAt(scopePath, node.callee);
  if (refIs(ref, EXPRESS, []) || refIs(ref, EXPRESS, ['Router'])) return true;
  const callee = node.callee;
  if (callee.type !== 'MemberExpression') return false;
  const name = getPropertyName(callee);
  // app.route('/x').get(a).post(b)
  if (name === 'route') return isExpressReceiver(scopePath, callee.object, depth + 1);
  if (name && ROUTE_METHODS.has(name) && isRouteChain(callee.object)) {
    return isExpressReceiver(scopePath, callee.object, depth + 1);
  }
  return false;
}

function isRouteChain(node: t.Node): boolean {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    (getPropertyName(node.callee) === 'route' || ROUTE_METHODS.has(getPropertyName(node.callee) ?? ''))
  );
}

function isServerReceiver(scopePath: NodePath, node: t.Node): boolean {
  node = unwrap(node);
  if (node.type === 'Identifier') {
    const binding = scopePath.scope.getBinding(node.name);
    if (!binding || !binding.constant || !binding.path.isVariableDeclarator()) return false;
    const init = binding.path.node.init;
    return !!init && binding.path.node.id.type === 'Identifier' && isServerReceiver(binding.path, init);
  }
  if (node.type !== 'CallExpression') return false;
  return refIs(resolveNodeAt(scopePath, node.callee), NODE_HTTP_MODULES, ['createServer']);
}

/** The function a handler argument or export value denotes: inline, or a binding to one. */
function getFunctionPath(path: NodePath<t.Node>): NodePath<FunctionNode> | null {
  let current: NodePath<t.Node> = path;
  while (current.isTSAsExpression() || current.isTSSatisfiesExpression() || current.isTSNonNullExpression() || current.isParenthesizedExpression()) {
    current = current.get('expression') as NodePath<t.Node>;
  }
  if (isFunctionNode(current.node)) return current as NodePath<FunctionNode>;
  if (current.isIdentifier()) {
    const binding = current.scope.getBinding(current.node.name);
    if (!binding || !binding.constant) return null;
    if (binding.path.isFunctionDeclaration()) return binding.path as NodePath<FunctionNode>;
    if (binding.path.isVariableDeclarator() && binding.path.node.id.type === 'Identifier') {
      const init = binding.path.get('init');
      if (init.node && isFunctionNode(init.node)) return init as NodePath<FunctionNode>;
    }
  }
  return null;
}

function getParamBinding(fn: NodePath<FunctionNode>, index: number): Binding | null {
  const param = fn.node.params[index];
  if (!param) return null;
  const id = param.type === 'AssignmentPattern' ? param.left : param;
  if (id.type !== 'Identifier') return null;
  return fn.scope.getOwnBinding(id.name) ?? null;
}

/** The last name of the parameter's TypeScript type reference (`Response` in `express.Response`), or null. */
function getTypeName(id: t.Identifier): string | null {
  const annotation = id.typeAnnotation;
  if (!annotation || annotation.type !== 'TSTypeAnnotation') return null;
  const type = annotation.typeAnnotation;
  if (type.type !== 'TSTypeReference') return null;
  return type.typeName.type === 'Identifier' ? type.typeName.name : type.typeName.right.name;
}

/** Is the parameter typed as a `Response` (`Response`, `express.Response`, `ff.Response`, ...)? */
export function isResponseTyped(id: t.Identifier): boolean {
  const name = getTypeName(id);
  return name === 'Response' || name === 'ServerResponse';
}

/**
 * Is the second parameter of an exported function a response? Used as one (`res.send`, `res.status`
 * ...), or named/typed as one and never used as something else (`res.concat(a)` is not a response).
 * Handing it to a call (`helper(req, res)`) is neutral.
 */
function isResponseParameter(binding: Binding): boolean {
  // A second parameter that merely has a `send` or `json` method (a message broker, a socket) is
  // not enough: the name or the type must say response.
  if (!RESPONSE_NAME.test(binding.identifier.name) && !isResponseTyped(binding.identifier)) return false;
  return binding.referencePaths.every((ref) => getResponseUse(ref).kind !== 'other');
}

const REQUEST_NAME = /^_*(req|request)$/i;
const BACKGROUND_PARAMETERS = /^_*(event|data|message|snapshot|snap|change|object|context|ctx)$/i;

function getParamName(fn: NodePath<FunctionNode>, index: number): string | null {
  const param = fn.node.params[index];
  const id = param?.type === 'AssignmentPattern' ? param.left : param;
  return id?.type === 'Identifier' ? id.name : null;
}

/** Why a registered or exported function does not look like an HTTP handler, or null. */
/**
 * Could the function's text hold an identifier named like a response other than `responseName`?
 * False only when it certainly does not (no such word, no escape), so the walk looking for one can
 * be skipped.
 */
function mayUseOtherResponseName(fn: NodePath<FunctionNode>, responseName: string, source: string | undefined): boolean {
  if (source === undefined) return true;
  const text = source.slice(fn.node.start!, fn.node.end!);
  if (text.includes('\\u')) return true;
  for (const match of text.matchAll(/(?<![\w$\u0080-\uffff])_*(?:res|resp|response)(?![\w$\u0080-\uffff])/g)) {
    if (match[0] !== responseName) return true;
  }
  return false;
}

function getParameterProblem(fn: NodePath<FunctionNode>, resIndex: number, res: Binding, source: string | undefined): string | null {
  const requestName = getParamName(fn, resIndex - 1);
  const responseName = res.identifier.name;
  if (requestName && RESPONSE_NAME.test(requestName) && REQUEST_NAME.test(responseName)) {
    return `its parameters look swapped (\`(${requestName}, ${responseName})\`): the first one is the request, the second the response`;
  }
  if (requestName && BACKGROUND_PARAMETERS.test(requestName) && BACKGROUND_PARAMETERS.test(responseName)) {
    return `its parameters \`(${requestName}, ${responseName})\` are those of a background function, not a request and a response`;
  }
  if (mayUseOtherResponseName(fn, responseName, source)) {
    let unbound: string | null = null;
    fn.traverse({
      Identifier(path) {
        const name = path.node.name;
        if (
          !unbound &&
          name !== responseName &&
          /^_*(res|resp|response)$/.test(name) &&
          path.isReferencedIdentifier() &&
          !path.scope.getBinding(name) &&
          !path.findParent((p) => p.isTSType() || p.isTSTypeAnnotation() || p.isFlow())
        ) {
          unbound = path.node.name;
          path.stop();
        }
      },
    });
    if (unbound) return `it uses \`${unbound}\`, which is not its response parameter \`${responseName}\` (nor bound anywhere)`;
  }
  return null;
}

/** The binding a function is known by in its file (declaration or `const name = fn`). */
function getFunctionNameBinding(fn: NodePath<FunctionNode>): Binding | null {
  if (fn.isFunctionDeclaration() && fn.node.id) return fn.parentPath.scope.getBinding(fn.node.id.name) ?? null;
  const parent = fn.parentPath;
  if (parent?.isVariableDeclarator() && parent.node.id.type === 'Identifier') {
    return parent.scope.getBinding(parent.node.id.name) ?? null;
  }
  return null;
}

/**
 * An exported `(req, res)` function that is called in its own file is a helper whose return value
 * is used; one passed to another call (`onCall(fn)`, `withAuth(fn)`) is registered as something we
 * cannot see. Neither is taken as a handler on the strength of its export alone.
 */
function isUsedInFile(fn: NodePath<FunctionNode>): boolean {
  const binding = getFunctionNameBinding(fn);
  if (!binding) return false;
  return binding.referencePaths.some((ref) => {
    const parent = ref.parentPath;
    return !!parent && (parent.isCallExpression() || parent.isNewExpression());
  });
}

function isUnboundGlobal(path: NodePath, name: string): boolean {
  return !path.scope.getBinding(name);
}

/** `exports` or `module.exports` (with `module`/`exports` not shadowed). */
function isExportsObject(scopePath: NodePath, node: t.Node): boolean {
  if (node.type === 'Identifier') return node.name === 'exports' && isUnboundGlobal(scopePath, 'exports');
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    getPropertyName(node) === 'exports' &&
    isUnboundGlobal(scopePath, 'module')
  );
}

/** `exports.x`, `module.exports.x` or `module.exports` (with `module`/`exports` not shadowed). */
function getExportTarget(path: NodePath<t.AssignmentExpression>): 'named' | 'module' | null {
  const left = path.node.left;
  if (left.type !== 'MemberExpression') return null;
  if (isExportsObject(path, left)) return 'module';
  return isExportsObject(path, left.object) ? 'named' : null;
}

export interface FindHandlersOptions {
  /** The file is a route by where it is or what it imports (a Next.js API route): the framework registers its exports. */
  routeFile?: boolean;
}

/** What the walk for handlers collects: handlers found so far, exported functions, exports called in the file. */
interface HandlerSearch {
  found: Map<t.Node, Handler>;
  exported: { fn: NodePath<FunctionNode>; name: string | null }[];
  /** Names called as `exports.name(...)` / `module.exports.name(...)` in the file. */
  calledExports: Set<string>;
  /** The file's text, when known: lets cheap text checks skip walks. */
  source: string | undefined;
  routeFile: boolean;
}

/** Find every HTTP handler in a program (`source`, the text it was parsed from, lets cheap text checks skip some walks). */
export function findHandlers(program: NodePath<t.Program>, source?: string, options: FindHandlersOptions = {}): Handler[] {
  const search: HandlerSearch = { found: new Map(), exported: [], calledExports: new Set(), source, routeFile: options.routeFile ?? false };
  program.traverse({
    CallExpression(call) {
      collectRegisteredHandlers(call, search);
    },
    AssignmentExpression(assignment) {
      collectExportedAssignment(assignment, search);
    },
    ExportNamedDeclaration(path) {
      const declaration = path.get('declaration');
      if (declaration.isFunctionDeclaration()) addExported(search, declaration);
      else if (declaration.isVariableDeclaration()) {
        for (const declarator of declaration.get('declarations')) addExported(search, declarator.get('init') as NodePath<t.Node>);
      }
      if (path.node.source) return;
      for (const specifier of path.get('specifiers')) {
        if (specifier.isExportSpecifier()) addExported(search, specifier.get('local'));
      }
    },
    ExportDefaultDeclaration(path) {
      addExported(search, path.get('declaration'));
    },
  });
  addExportedHandlers(search);
  return [...search.found.values()].sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0));
}

/** A function registered as a handler (`onRequest(fn)`, `app.post(path, fn)`, `server.on('request', fn)`). */
function addRegistered(search: HandlerSearch, arg: NodePath<t.Node> | undefined, kind: HandlerKind): void {
  if (!arg) return;
  const fn = getFunctionPath(arg);
  if (!fn || search.found.has(fn.node)) return;
  // Express error middleware is (err, req, res, next).
  const resIndex = kind === 'express' && fn.node.params.length === 4 ? 2 : 1;
  const res = getParamBinding(fn, resIndex);
  if (!res) return;
  const next = kind === 'node-http' ? null : getParamBinding(fn, resIndex + 1);
  search.found.set(fn.node, { path: fn, kind, res, next, problem: getParameterProblem(fn, resIndex, res, search.source) });
}

/** A function a module exports: a handler if nothing registers it and it looks like one (checked at the end). */
function addExported(search: HandlerSearch, value: NodePath<t.Node> | null | undefined, name: string | null = null): void {
  if (!value?.node) return;
  const fn = getFunctionPath(value);
  if (fn) search.exported.push({ fn, name });
}

/** Registrations, Express routes, `server.on('request', fn)`, and calls of the module's own exports. */
function collectRegisteredHandlers(call: NodePath<t.CallExpression>, search: HandlerSearch): void {
  const registration = getRegistration(call);
  const args = call.get('arguments');
  if (registration) {
    const arg = registration.argIndex === 'last' ? args[args.length - 1] : args[registration.argIndex];
    addRegistered(search, arg, registration.kind);
    return;
  }
  const callee = call.node.callee;
  if (callee.type !== 'MemberExpression') return;
  const method = getPropertyName(callee);
  if (method && isExportsObject(call, callee.object)) search.calledExports.add(method);
  if (method && ROUTE_METHODS.has(method) && isExpressReceiver(call, callee.object)) {
    // Express flattens arrays of handlers: app.post(path, [auth, handler]).
    const handlers = args.flatMap((arg) => (arg.isArrayExpression() ? (arg.get('elements') as NodePath<t.Node>[]) : [arg]));
    for (const arg of handlers) {
      if (arg.node && (arg.isFunction() || arg.isIdentifier())) addRegistered(search, arg, 'express');
    }
  } else if (method === 'on' && args[0]?.isStringLiteral({ value: 'request' }) && isServerReceiver(call, callee.object)) {
    addRegistered(search, args[1], 'node-http');
  }
}

/** `exports.f = fn`, `module.exports = fn`, `module.exports = { f, g() {} }`. */
function collectExportedAssignment(assignment: NodePath<t.AssignmentExpression>, search: HandlerSearch): void {
  const target = getExportTarget(assignment);
  if (!target) return;
  const right = assignment.get('right');
  if (target === 'module' && right.isObjectExpression()) {
    for (const property of right.get('properties')) {
      if (property.isObjectMethod()) addExported(search, property);
      else if (property.isObjectProperty()) addExported(search, property.get('value'));
    }
    return;
  }
  addExported(search, right, getPropertyName(assignment.node.left as t.MemberExpression));
}

/** Exported functions that no registration names: handlers when their second parameter is a response and nothing in the file calls them. */
function addExportedHandlers(search: HandlerSearch): void {
  for (const { fn, name } of search.exported) {
    if (search.found.has(fn.node) || fn.node.generator) continue;
    const res = getParamBinding(fn, 1);
    if (!res || !isResponseParameter(res) || !hasRequestEvidence(fn, res) || isUsedInFile(fn) || (name !== null && search.calledExports.has(name))) continue;
    const problem = getParameterProblem(fn, 1, res, search.source) ?? (search.routeFile ? null : getUnusedParametersProblem(fn, res));
    search.found.set(fn.node, { path: fn, kind: 'export', res, next: getParamBinding(fn, 2), problem });
  }
}

/**
 * A second parameter that is never used as a response (only handed on, `helper(req, res)`, or
 * unused) is a response by its name alone: then the parameter before it must be named or typed as
 * a request too. `onTokenTrigger(storeId, response)` that parses `response` is a helper.
 */
function hasRequestEvidence(fn: NodePath<FunctionNode>, res: Binding): boolean {
  if (isResponseTyped(res.identifier) || res.referencePaths.some((ref) => getResponseUse(ref).kind === 'response')) return true;
  const req = fn.node.params[0];
  const id = req?.type === 'AssignmentPattern' ? req.left : req;
  if (id?.type === 'ObjectPattern') {
    return id.properties.some((p) => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && REQUEST_MEMBERS.has(p.key.name));
  }
  if (id?.type !== 'Identifier') return false;
  return REQUEST_NAME.test(id.name) || isRequestTyped(id);
}

/** Members of a request that a destructured first parameter takes: `({ query, body }, res) =>`. */
const REQUEST_MEMBERS: ReadonlySet<string> = new Set([
  'body',
  'query',
  'params',
  'method',
  'headers',
  'cookies',
  'path',
  'url',
  'originalUrl',
  'rawBody',
  'ip',
  'hostname',
  'protocol',
  'get',
  'header',
]);

/** Is the parameter typed as a request (`Request`, `express.Request`, `http.IncomingMessage`, ...)? */
function isRequestTyped(id: t.Identifier): boolean {
  const name = getTypeName(id);
  return name === 'Request' || name === 'IncomingMessage';
}

/**
 * An exported function that nothing registers, that uses neither its request nor its response and
 * whose parameters have no type: the parameters' names are then the only sign that it is an HTTP
 * handler. A background trigger whose parameters happen to be named `(req, res)` would throw on a
 * response added to it.
 */
function getUnusedParametersProblem(fn: NodePath<FunctionNode>, res: Binding): string | null {
  const req = getParamBinding(fn, 0);
  if (!req || req.referenced || res.referenced || req.identifier.typeAnnotation || res.identifier.typeAnnotation) return null;
  return `nothing in its file registers it and it uses neither \`${req.identifier.name}\` nor \`${res.identifier.name}\`: their names are the only sign that it is an HTTP handler (if it is one, it never responds: add the response yourself)`;
}

/** Is this handler served by Express-style frameworks (Functions Framework, firebase, Express)? */
export function isExpressBased(handler: Handler): boolean {
  return handler.kind !== 'node-http';
}
