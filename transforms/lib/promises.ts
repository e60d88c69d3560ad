/**
 * Is an expression a promise? Three answers, never a guess: `promise`, `not-promise` or `unknown`.
 *
 * The answer comes from what the expression provably evaluates to: language forms (`new Promise`,
 * `Promise.all`, `.then` chains, `async` functions, literals), globals (`fetch`, `console`, `JSON`),
 * the SDK table (`sdk-table.ts`, traced through bindings: `const db = admin.firestore()`), the
 * handler's own request, response and `next`, and summaries of local functions, also in the local
 * modules a file imports (`require('./lib/db')`). Anything else is `unknown`: a parameter's method,
 * a package the table does not know, a value reassigned on some path.
 *
 * `getValue` is the seam a type-checker oracle can later plug into for the sites that stay unknown.
 */
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { isFunctionNode, type FunctionNode } from './handlers';
import { getPropertyName, isGlobal, isGlobalMethodCall } from './modules';
import { getSdkExportedType, getSdkMethod, getSdkModuleTypeName, getSdkProperty, getSdkPropertyTypeName, getSdkType, type SdkResult } from './sdk-table';
import type { SourceFile } from './source-file';

export type PromiseKind = 'promise' | 'not-promise' | 'unknown';

/** What an expression evaluates to, as far as the source proves it. */
export type Value =
  /** A promise; `resolves` is what awaiting it gives, where known (`docRef.get()`: a DocumentSnapshot). */
  | { t: 'promise'; resolves?: Value }
  /**
   * Not thenable. `shape` tells more where it is known: an Array (`map`, `filter`... known), an
   * array of settled values (`await Promise.all(...)`: its elements are no promises), a primitive
   * (its methods are String/Number/Boolean's), request data parsed from JSON, query strings or
   * headers (strings, numbers, arrays and objects of them), a Date, a Map or Set.
   */
  | { t: 'plain'; array?: boolean; shape?: 'settled' | 'primitive' | 'data' | 'date' | 'collection'; element?: Value }
  | { t: 'unknown' }
  /** An object of an SDK type; `thenable` when it is also awaitable (RTDB `push()`). */
  | { t: 'sdk'; type: string; thenable?: boolean }
  /** An SDK method not called yet (`const { getFirestore } = require('firebase-admin/firestore')`). */
  | { t: 'sdk-method'; type: string; name: string }
  /** A function of the project (this file or a local module). */
  | { t: 'function'; fn: NodePath<FunctionNode>; file: SourceFile }
  /** A function whose calls return a promise (`util.promisify(f)`). */
  | { t: 'promise-function' }
  /** A function whose calls return no promise (`next`, `cors(...)`'s middleware). */
  | { t: 'plain-function' }
  /** A function whose calls return a known value (`require('cors')` returns a middleware), with known members. */
  | { t: 'factory'; returns: Value; members?: (name: string) => Value | null }
  /** `util.promisify`: its result is a function returning promises. */
  | { t: 'promisify' }
  /** An object whose members are known (an object literal, a module's exports, an instance of a local class). */
  | { t: 'object'; members: (name: string) => Value | null; thenable: boolean | 'maybe' }
  /** A project class: calling members gives its static methods; `new` gives an instance. */
  | { t: 'class'; path: NodePath<t.Class>; file: SourceFile; members: (name: string) => Value | null }
  /** The handler's response or request. */
  | { t: 'response' }
  | { t: 'request' };

const PROMISE: Value = { t: 'promise' };
const PLAIN: Value = { t: 'plain' };
const ARRAY: Value = { t: 'plain', array: true };
const SETTLED: Value = { t: 'plain', array: true, shape: 'settled' };
const PRIMITIVE: Value = { t: 'plain', shape: 'primitive' };
const DATA: Value = { t: 'plain', shape: 'data' };
const UNKNOWN: Value = { t: 'unknown' };
const MAX_DEPTH = 24;

/** Global functions that return no promise and run nothing later. */
export const SYNCHRONOUS_GLOBAL_FUNCTIONS: ReadonlySet<string> = new Set([
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'clearTimeout',
  'clearInterval',
  'String',
  'Number',
  'Boolean',
]);
/** Calls of these globals never return a promise (the timers run their callback later). */
const PLAIN_GLOBAL_FUNCTIONS = new Set([
  ...SYNCHRONOUS_GLOBAL_FUNCTIONS,
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'Symbol',
  'BigInt',
  'Date',
  'RegExp',
  'Error',
  'TypeError',
  'RangeError',
  'structuredClone',
  'atob',
  'btoa',
  'require',
]);
/** Instances of these globals are not thenable. */
const PLAIN_CONSTRUCTORS = new Set([
  'URL',
  'URLSearchParams',
  'Error',
  'TypeError',
  'RangeError',
  'RegExp',
  'TextEncoder',
  'TextDecoder',
  'AbortController',
  'Intl.NumberFormat',
]);
/** Methods of these global objects never return a promise. */
const PLAIN_GLOBAL_OBJECTS = new Set(['console', 'JSON', 'Math', 'Object', 'Number', 'String', 'Date', 'Symbol', 'Intl', 'Buffer']);
/** String methods returning an array. */
const PRIMITIVE_RESULTS = new Set(['split', 'match', 'matchAll']);
/** Array methods returning an array; the others listed return no promise. */
const ARRAY_RETURNING = new Set([
  'map',
  'filter',
  'slice',
  'concat',
  'flat',
  'flatMap',
  'sort',
  'reverse',
  'splice',
  'fill',
  'toSorted',
  'toReversed',
  'toSpliced',
  'with',
]);
const ARRAY_PLAIN = new Set([
  'forEach',
  'join',
  'indexOf',
  'lastIndexOf',
  'includes',
  'some',
  'every',
  'findIndex',
  'findLastIndex',
  'push',
  'unshift',
  'keys',
  'values',
  'entries',
  'toString',
]);
/** Array methods returning one of its elements (or undefined): what the elements are decides. */
const ELEMENT_RETURNING = new Set(['find', 'findLast', 'pop', 'shift', 'at']);
/** Array methods that call their first argument with each element first. */
const ARRAY_CALLBACKS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap']);
/** Array methods returning an array of the same elements. */
const ELEMENT_PRESERVING = new Set(['filter', 'slice', 'sort', 'reverse', 'toSorted', 'toReversed']);
/**
 * Request members that hold data: parsed bodies, query strings, route parameters, headers and
 * cookies (strings, numbers, arrays and plain objects of them), and request line fields.
 */
const REQUEST_DATA = new Set([
  'body',
  'rawBody',
  'query',
  'params',
  'headers',
  'cookies',
  'signedCookies',
  'method',
  'url',
  'originalUrl',
  'path',
  'hostname',
  'ip',
  'ips',
  'protocol',
  'secure',
  'xhr',
  'baseUrl',
  'subdomains',
  'fresh',
  'stale',
  'httpVersion',
]);
/** Methods of an Express/Node request that return no promise. */
const REQUEST_METHODS = new Set([
  'get',
  'header',
  'is',
  'accepts',
  'acceptsCharsets',
  'acceptsEncodings',
  'acceptsLanguages',
  'param',
  'range',
  'on',
  'once',
  'pipe',
  'setEncoding',
  'pause',
  'resume',
  'unpipe',
]);
/**
 * Packages outside the SDK table whose exports are simple to state: `cors(options)` returns a
 * middleware `(req, res, next) => void` (cors/lib/index.js: `middlewareWrapper` returns
 * `corsMiddleware`, which calls `next` and returns nothing).
 */
const KNOWN_PACKAGES: Readonly<Record<string, Value>> = {
  cors: { t: 'factory', returns: { t: 'plain-function' } },
  ...Object.fromEntries(['path', 'node:path', 'os', 'node:os', 'url', 'node:url', 'querystring', 'node:querystring'].map((m) => [m, plainModule()])),
  /**
   * express: `express()` and `express.Router()` give an app or router whose route methods return
   * it (express/lib/application.js, router/index.js): never a promise. Body parsers are middleware.
   */
  express: expressModule(),
  /** @google-cloud/functions-framework: `http(name, fn)` and `cloudEvent(name, fn)` register and return nothing. */
  '@google-cloud/functions-framework': plainModule(),
};

/** A module whose functions all return plain values (strings, paths, objects): `path`, `os`. */
function plainModule(): Value {
  const fn: Value = { t: 'factory', returns: PRIMITIVE };
  return { t: 'object', thenable: false, members: (name) => (name === 'default' ? plainModule() : fn) };
}

function expressModule(): Value {
  // An app or router is itself a function (a request handler), whose route methods return it.
  const app: Value = { t: 'factory', returns: PLAIN, members: () => ({ t: 'factory', returns: app }) };
  const middleware: Value = { t: 'factory', returns: { t: 'plain-function' } };
  const members = (name: string): Value => (name === 'Router' ? { t: 'factory', returns: app } : name === 'default' ? module : middleware);
  const module: Value = { t: 'factory', returns: app, members };
  return module;
}
const UTIL_MODULES = new Set(['util', 'node:util']);

interface Context {
  depth: number;
  /** Functions whose return value is being computed (recursion stops there). */
  active: Set<t.Node>;
}

/** What evaluating the expression at `path` (in `file`) gives: a promise, not a promise, or unknown. */
export function getPromiseKind(path: NodePath, file: SourceFile): PromiseKind {
  return toKind(getValue(path, file));
}

export function toKind(value: Value): PromiseKind {
  switch (value.t) {
    case 'promise':
      return 'promise';
    case 'unknown':
      return 'unknown';
    case 'sdk':
      return value.thenable ? 'promise' : 'not-promise';
    case 'object':
      return value.thenable === true ? 'promise' : value.thenable === 'maybe' ? 'unknown' : 'not-promise';
    default:
      return 'not-promise';
  }
}

/** The value of the expression at `path`. */
export function getValue(path: NodePath, file: SourceFile): Value {
  return evaluate(path, file, { depth: 0, active: new Set() });
}

function join(values: readonly Value[]): Value {
  if (values.length === 0) return UNKNOWN;
  const kinds = new Set(values.map(toKind));
  if (kinds.size !== 1) return UNKNOWN;
  const first = values[0]!;
  if (values.length === 1) return first;
  const kind = [...kinds][0]!;
  if (kind === 'promise') return PROMISE;
  if (kind === 'not-promise') return values.every((v) => v.t === 'plain' && v.array) ? ARRAY : PLAIN;
  return UNKNOWN;
}

/**
 * A value that may also be `undefined` (an array element, an optional field). When the value is not
 * a promise, neither is the union, and code reading its members has already ruled out `undefined`.
 */
function orUndefined(value: Value): Value {
  return toKind(value) === 'not-promise' ? value : UNKNOWN;
}

function fromSdkResult(result: SdkResult): Value {
  if (result === 'promise') return PROMISE;
  if (result === 'not-promise') return PLAIN;
  if ('type' in result) return { t: 'sdk', type: result.type };
  if ('resolves' in result) return { t: 'promise', resolves: { t: 'sdk', type: result.resolves } };
  if ('array' in result) return { t: 'plain', array: true, element: { t: 'sdk', type: result.array } };
  return { t: 'sdk', type: result.thenable, thenable: true };
}

function deeper(context: Context): Context | null {
  return context.depth >= MAX_DEPTH ? null : { depth: context.depth + 1, active: context.active };
}

/** Expressions whose value is known from their kind alone. */
const VALUE_BY_NODE_TYPE: Readonly<Record<string, Value>> = {
  StringLiteral: PRIMITIVE,
  NumericLiteral: PRIMITIVE,
  BooleanLiteral: PRIMITIVE,
  BigIntLiteral: PRIMITIVE,
  TemplateLiteral: PRIMITIVE,
  BinaryExpression: PRIMITIVE,
  UpdateExpression: PRIMITIVE,
  UnaryExpression: PRIMITIVE,
  NullLiteral: PLAIN,
  RegExpLiteral: PLAIN,
  TaggedTemplateExpression: PLAIN,
  JSXElement: PLAIN,
  JSXFragment: PLAIN,
  ArrayExpression: ARRAY,
  // `import(x)`'s callee: calling it gives a promise.
  Import: { t: 'factory', returns: PROMISE },
};

/** Wrappers whose value is their inner expression's: parentheses and type assertions. */
const TRANSPARENT_NODE_TYPES = new Set([
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TypeCastExpression',
  'TSTypeAssertion',
]);

function evaluate(path: NodePath, file: SourceFile, context: Context): Value {
  const next = deeper(context);
  if (!next) return UNKNOWN;
  const node = path.node;
  const known = Object.hasOwn(VALUE_BY_NODE_TYPE, node.type) ? VALUE_BY_NODE_TYPE[node.type] : undefined;
  if (known) return known;
  if (TRANSPARENT_NODE_TYPES.has(node.type)) return evaluate(path.get('expression') as NodePath, file, next);
  switch (node.type) {
    case 'AwaitExpression':
      return evaluateAwait(path.get('argument') as NodePath, file, next);
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return { t: 'function', fn: path as NodePath<FunctionNode>, file };
    case 'ObjectExpression':
      return getObjectLiteralValue(path as NodePath<t.ObjectExpression>, file, next);
    case 'SequenceExpression': {
      const expressions = path.get('expressions') as NodePath[];
      return evaluate(expressions[expressions.length - 1]!, file, next);
    }
    case 'AssignmentExpression':
      if (node.operator === '=') return evaluate(path.get('right') as NodePath, file, next);
      if (node.operator === '||=' || node.operator === '&&=' || node.operator === '??=') return UNKNOWN;
      return PRIMITIVE; // `+=`, `-=`, ...: a number or a string
    case 'ConditionalExpression':
      return join([evaluate(path.get('consequent') as NodePath, file, next), evaluate(path.get('alternate') as NodePath, file, next)]);
    case 'LogicalExpression':
      // `a || b` is `a` or `b`; `a ?? b` likewise.
      return join([evaluate(path.get('left') as NodePath, file, next), evaluate(path.get('right') as NodePath, file, next)]);
    case 'Identifier':
      return evaluateIdentifier(path as NodePath<t.Identifier>, file, next);
    case 'ThisExpression':
      return evaluateThis(path, file, next);
    case 'Super':
      return evaluateSuper(path, file, next);
    case 'ClassExpression':
    case 'ClassDeclaration':
      return getClassValue(path as NodePath<t.Class>, file, next);
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return evaluateMember(path as NodePath<t.MemberExpression>, file, next);
    case 'CallExpression':
    case 'OptionalCallExpression':
      return evaluateCall(path as NodePath<t.CallExpression>, file, next);
    case 'NewExpression':
      return evaluateNew(path as NodePath<t.NewExpression>, file, next);
    default:
      return UNKNOWN;
  }
}

/**
 * What `await argument` gives. Awaiting unwraps every thenable, so the result never is one; it is
 * an object of an SDK type when the promise is known to resolve to one, and an array of settled
 * values for `await Promise.all([...])`.
 */
function evaluateAwait(argument: NodePath, file: SourceFile, context: Context): Value {
  if (isGlobalMethodCall(argument, 'Promise', ['all', 'allSettled'])) return SETTLED;
  const value = evaluate(argument, file, context);
  if (value.t === 'promise' && value.resolves) return value.resolves;
  // An object of an SDK type that is not thenable is its own value.
  if (value.t === 'sdk' && !value.thenable) return value;
  return PLAIN;
}

/**
 * The first parameter of a callback whose caller is known: `snapshot.docs.forEach((doc) => ...)`
 * gets an element of the array, `db.runTransaction((tx) => ...)` a Transaction, and
 * `docRef.get().then((snap) => ...)` what the promise resolves to.
 */
function evaluateCallbackParam(binding: Binding, file: SourceFile, context: Context): Value {
  const fn = binding.scope.path;
  if (!fn.isFunction() || (fn.node.params[0] as t.Node | undefined) !== binding.path.node) return UNKNOWN;
  const call = fn.parentPath;
  if (!call?.isCallExpression() || !call.node.arguments.includes(fn.node as t.Expression)) return UNKNOWN;
  const callee = call.get('callee') as NodePath;
  if (!callee.isMemberExpression()) return UNKNOWN;
  const method = getPropertyName(callee.node);
  if (method === null) return UNKNOWN;
  const receiver = evaluate(callee.get('object') as NodePath, file, context);
  const isFirstArgument = call.node.arguments[0] === fn.node;
  if (receiver.t === 'plain' && receiver.array && receiver.element && isFirstArgument && ARRAY_CALLBACKS.has(method)) return receiver.element;
  if (receiver.t === 'promise' && receiver.resolves && method === 'then' && isFirstArgument) return receiver.resolves;
  if (receiver.t === 'sdk') {
    const type = getSdkType(receiver.type);
    const entry = type && getSdkMethod(type, method);
    const firstFunction = call.node.arguments.find((arg) => isFunctionArgument(arg));
    if (entry?.parameter && firstFunction === fn.node) return { t: 'sdk', type: entry.parameter };
  }
  return UNKNOWN;
}

function getObjectLiteralValue(path: NodePath<t.ObjectExpression>, file: SourceFile, context: Context): Value {
  const properties = path.get('properties');
  let thenable: boolean | 'maybe' = false;
  const byName = new Map<string, NodePath>();
  for (const property of properties) {
    if (property.isSpreadElement()) {
      thenable = 'maybe';
      continue;
    }
    const node = property.node as t.ObjectProperty | t.ObjectMethod;
    const key = node.computed ? null : node.key.type === 'Identifier' ? node.key.name : node.key.type === 'StringLiteral' ? node.key.value : null;
    if (key === null) {
      thenable = 'maybe';
      continue;
    }
    if (key === 'then') {
      // A thenable has a `then` method; `{ then: 'shipping' }` is data.
      const value = node.type === 'ObjectMethod' ? null : node.value;
      if (node.type === 'ObjectMethod' ? node.kind === 'method' : isFunctionNode(value)) thenable = true;
      else if (thenable !== true && !(value && isDataLiteral(value))) thenable = 'maybe';
    }
    byName.set(key, property);
  }
  return {
    t: 'object',
    thenable,
    members: (name) => {
      const property = byName.get(name);
      if (!property) return UNKNOWN;
      if (property.isObjectMethod()) {
        const kind = property.node.kind;
        if (kind === 'get') return getReturnValue(property as NodePath<FunctionNode>, file, context);
        return kind === 'method' ? { t: 'function', fn: property as NodePath<FunctionNode>, file } : UNKNOWN;
      }
      const value = property.get('value') as NodePath;
      return evaluate(value, file, context);
    },
  };
}

/** A literal that is plainly data, never a function. */
function isDataLiteral(node: t.Node): boolean {
  return /Literal$/.test(node.type) || node.type === 'ObjectExpression' || node.type === 'ArrayExpression' || node.type === 'BinaryExpression';
}

/**
 * The member names that code writes on the object held by `binding` (`obj.x = ...`), or `all`
 * when it may write any (`obj[k] = ...`, `Object.assign(obj, ...)`).
 */
function getWrittenMembers(binding: Binding): Set<string> | 'all' {
  const written = new Set<string>();
  for (const ref of binding.referencePaths) {
    const parent = ref.parentPath;
    if (parent?.isMemberExpression() && parent.node.object === ref.node) {
      const target = parent.parentPath;
      const isWrite =
        (target?.isAssignmentExpression() && target.node.left === parent.node) ||
        (target?.isUpdateExpression() && target.node.argument === parent.node) ||
        (target?.isUnaryExpression({ operator: 'delete' }) ?? false);
      if (!isWrite) continue;
      const name = getPropertyName(parent.node);
      if (name === null) return 'all';
      written.add(name);
    } else if (parent?.isCallExpression() && parent.node.arguments[0] === ref.node) {
      const callee = parent.node.callee;
      if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object' && getPropertyName(callee) !== 'freeze')
        return 'all';
    }
  }
  return written;
}

/** An object value whose members written elsewhere (`settings.ready = load()`) are unknown. */
function withWrites(value: Value, binding: Binding): Value {
  if (value.t !== 'object') return value;
  const written = getWrittenMembers(binding);
  if (written !== 'all' && written.size === 0) return value;
  const thenable = written === 'all' || written.has('then') ? 'maybe' : value.thenable;
  return { t: 'object', thenable, members: (name) => (written === 'all' || written.has(name) ? UNKNOWN : value.members(name)) };
}

function evaluateIdentifier(path: NodePath<t.Identifier>, file: SourceFile, context: Context): Value {
  const name = path.node.name;
  const binding = path.scope.getBinding(name);
  if (!binding && name === 'exports') return getExportsValue(file, context, 'cjs');
  if (!binding) return name === 'undefined' || name === 'NaN' || name === 'Infinity' ? PLAIN : UNKNOWN;
  return evaluateBinding(binding, file, context);
}

function evaluateBinding(binding: Binding, file: SourceFile, context: Context): Value {
  const handlerRole = getHandlerRole(binding, file);
  if (handlerRole) return handlerRole;
  const declaration = binding.path;
  if (declaration.isFunctionDeclaration()) {
    return binding.constant ? { t: 'function', fn: declaration as NodePath<FunctionNode>, file } : UNKNOWN;
  }
  if (declaration.isClassDeclaration()) return binding.constant ? getClassValue(declaration, file, context) : UNKNOWN;
  if (binding.kind === 'param') return binding.constant ? evaluateParam(binding, file, context) : UNKNOWN;
  if (binding.kind === 'module') return evaluateImport(declaration, file, context);
  if (declaration.isVariableDeclarator()) {
    const values: Value[] = [];
    const init = declaration.get('init');
    const id = declaration.node.id;
    const loop = declaration.parentPath?.parentPath;
    if ((loop?.isForOfStatement() || loop?.isForInStatement()) && loop.node.left === declaration.parentPath?.node) return UNKNOWN;
    if (init.node) {
      const base = evaluate(init as NodePath, file, context);
      values.push(id.type === 'Identifier' ? withWrites(base, binding) : getPatternValue(id, binding.identifier.name, base));
    } else if (binding.kind !== 'var' && binding.kind !== 'let') {
      return UNKNOWN;
    } else {
      values.push(PLAIN); // undefined until assigned
    }
    for (const violation of binding.constantViolations) {
      if (violation.isAssignmentExpression({ operator: '=' }) && violation.node.left.type === 'Identifier') {
        values.push(evaluate(violation.get('right') as NodePath, file, context));
      } else {
        return UNKNOWN;
      }
    }
    return join(values);
  }
  return UNKNOWN;
}

/** `const { a } = value` -> the member `a` of `value`; `const [a] = value` -> unknown. */
function getPatternValue(pattern: t.Node, name: string, base: Value): Value {
  if (pattern.type === 'ArrayPattern') return base.t === 'plain' && base.shape === 'settled' ? PLAIN : UNKNOWN;
  if (pattern.type !== 'ObjectPattern') return UNKNOWN;
  for (const property of pattern.properties) {
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (value.type !== 'Identifier' || value.name !== name) continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : null;
    if (key === null) return UNKNOWN;
    const member = getMember(base, key);
    if (property.value.type === 'AssignmentPattern') return member.t === 'unknown' ? UNKNOWN : join([member, PLAIN]);
    return member;
  }
  return UNKNOWN;
}

/** The response, request or `next` of a handler whose parameter `binding` is. */
function getHandlerRole(binding: Binding, file: SourceFile): Value | null {
  if (binding.kind !== 'param') return null;
  for (const handler of file.handlers) {
    if (handler.res === binding) return { t: 'response' };
    if (handler.next === binding) return { t: 'plain-function' };
    const params = handler.path.node.params;
    const resIndex = params.indexOf(handler.res.path.node as t.Identifier);
    if (resIndex > 0 && binding.path.node === params[resIndex - 1] && binding.scope.block === handler.path.node) return { t: 'request' };
  }
  return null;
}

function getImportSource(declaration: NodePath): string | null {
  const parent = declaration.parentPath;
  return parent?.isImportDeclaration() ? parent.node.source.value : null;
}

function evaluateImport(declaration: NodePath, file: SourceFile, context: Context): Value {
  const source = getImportSource(declaration);
  if (source === null) return UNKNOWN;
  const module = getModuleValue(source, file, context, 'esm');
  if (declaration.isImportNamespaceSpecifier()) return module;
  if (declaration.isImportDefaultSpecifier()) return getDefaultExport(module);
  if (declaration.isImportSpecifier()) {
    const imported = declaration.node.imported;
    const name = imported.type === 'Identifier' ? imported.name : imported.value;
    return name === 'default' ? getDefaultExport(module) : getMember(module, name);
  }
  return UNKNOWN;
}

/**
 * `Object.assign(module.exports, { a, b: f })`: the properties it adds, or null when the call is
 * anything else (or adds properties whose names are not written out).
 */
function getAssignedExports(call: NodePath<t.CallExpression>, isExportsRef: (node: t.Node) => boolean): Array<[string, NodePath]> | null {
  const callee = call.node.callee;
  const args = call.get('arguments') as NodePath[];
  const isAssign =
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Object' &&
    getPropertyName(callee) === 'assign' &&
    !call.scope.getBinding('Object');
  if (!isAssign || !args[0] || !isExportsRef(args[0].node)) return null;
  const added: Array<[string, NodePath]> = [];
  for (const source of args.slice(1)) {
    if (!source.isObjectExpression()) return null;
    for (const property of source.get('properties')) {
      if (!property.isObjectProperty() || property.node.computed) return null;
      const key = property.node.key;
      const name = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : null;
      if (name === null) return null;
      added.push([name, property.get('value') as NodePath]);
    }
  }
  return added;
}

function getDefaultExport(module: Value): Value {
  if (module.t === 'object') return module.members('default') ?? UNKNOWN;
  if (module.t === 'sdk') {
    const type = getSdkType(module.type);
    const defaultType = type && getSdkPropertyTypeName(type, 'default');
    return defaultType ? { t: 'sdk', type: defaultType } : module;
  }
  return module;
}

/** What `require(specifier)` / `import ... from specifier` gives in `file`. */
function getModuleValue(specifier: string, file: SourceFile, context: Context, style: 'cjs' | 'esm'): Value {
  const sdkType = getSdkModuleTypeName(specifier);
  if (sdkType) return { t: 'sdk', type: sdkType };
  if (UTIL_MODULES.has(specifier)) {
    return {
      t: 'object',
      thenable: false,
      members: (name) => (name === 'promisify' ? { t: 'promisify' } : UNKNOWN),
    };
  }
  const known = Object.hasOwn(KNOWN_PACKAGES, specifier) ? KNOWN_PACKAGES[specifier] : undefined;
  if (known) return known;
  if (!file.modules || !file.path) return UNKNOWN;
  const loaded = file.modules.load(file.path, specifier);
  if (!loaded) return UNKNOWN;
  return getExportsValue(loaded, context, style);
}

/** What a module's top level exports, as its statements are read in order. */
interface CollectedExports {
  /** `module.exports = value` replaces the exports object (CommonJS). */
  replaced: NodePath | null;
  named: Map<string, () => Value>;
  /** Exports added in ways not followed (`exports[name] =`, a call given `module.exports`). */
  opaque: boolean;
  /** `export * from './x'`: modules whose names are exported too. */
  stars: string[];
  /** Members written through `module.exports` after it was replaced: they are on the new object. */
  afterReplace: Map<string, () => Value>;
}

/** The exports of a local module, as an object whose members are evaluated in that module. */
function getExportsValue(module: SourceFile, context: Context, style: 'cjs' | 'esm'): Value {
  const exports: CollectedExports = { replaced: null, named: new Map(), opaque: false, stars: [], afterReplace: new Map() };
  const program = module.program;
  const isExportsRef = (node: t.Node): boolean =>
    (node.type === 'Identifier' && node.name === 'exports' && isGlobal(program, 'exports')) ||
    (node.type === 'MemberExpression' &&
      node.object.type === 'Identifier' &&
      node.object.name === 'module' &&
      getPropertyName(node) === 'exports' &&
      isGlobal(program, 'module'));
  for (const statement of program.get('body')) {
    if (statement.isExpressionStatement()) collectCommonJsExport(statement.get('expression'), exports, isExportsRef, module, context);
    else if (statement.isExportAllDeclaration()) exports.stars.push(statement.node.source.value);
    else if (statement.isExportNamedDeclaration()) collectNamedExports(statement, exports.named, module, context);
    else if (statement.isExportDefaultDeclaration()) {
      const declaration = statement.get('declaration') as NodePath;
      exports.named.set('default', () =>
        isFunctionNode(declaration.node) ? { t: 'function', fn: declaration as NodePath<FunctionNode>, file: module } : evaluate(declaration, module, context),
      );
    }
  }
  return exports.replaced ? getReplacedExports(exports, exports.replaced, module, context, style) : getNamedExports(exports, module, context, style);
}

/** Record an export written through `target` (`exports` or `module.exports`); a name written twice is unknown. */
function addCommonJsExport(exports: CollectedExports, target: t.Node, name: string, value: () => Value): void {
  const map = exports.replaced && target.type === 'MemberExpression' ? exports.afterReplace : exports.named;
  map.set(name, map.has(name) ? () => UNKNOWN : value);
}

/** `exports.f = ...`, `module.exports = ...`, `Object.assign(module.exports, { ... })`. */
function collectCommonJsExport(
  expression: NodePath,
  exports: CollectedExports,
  isExportsRef: (node: t.Node) => boolean,
  module: SourceFile,
  context: Context,
): void {
  if (expression.isCallExpression() && expression.node.arguments.some((arg) => isExportsRef(arg))) {
    // `Object.assign(module.exports, { a, b })` adds named exports; other calls are not followed.
    const added = getAssignedExports(expression, isExportsRef);
    if (!added) exports.opaque = true;
    const target = expression.node.arguments[0]!;
    for (const [name, value] of added ?? []) addCommonJsExport(exports, target, name, () => evaluate(value, module, context));
  }
  if (!expression.isAssignmentExpression({ operator: '=' })) return;
  const left = expression.node.left;
  const right = expression.get('right') as NodePath;
  if (isExportsRef(left) && left.type === 'MemberExpression') exports.replaced = right;
  else if (left.type === 'MemberExpression' && isExportsRef(left.object)) {
    const name = getPropertyName(left);
    if (name === null) exports.opaque = true;
    else addCommonJsExport(exports, left.object, name, () => evaluate(right, module, context));
  }
}

/** `export function f`, `export const x`, `export class C`, `export { a as b }`, `export { a } from './x'`. */
function collectNamedExports(statement: NodePath<t.ExportNamedDeclaration>, named: Map<string, () => Value>, module: SourceFile, context: Context): void {
  const declaration = statement.get('declaration');
  if (declaration.isFunctionDeclaration() && declaration.node.id) {
    const fn = declaration as NodePath<FunctionNode>;
    named.set(declaration.node.id.name, () => ({ t: 'function', fn, file: module }));
  } else if (declaration.isVariableDeclaration()) {
    for (const declarator of declaration.get('declarations')) {
      const id = declarator.node.id;
      const binding = id.type === 'Identifier' ? declarator.scope.getBinding(id.name) : undefined;
      if (binding) named.set(binding.identifier.name, () => evaluateBinding(binding, module, context));
    }
  } else if (declaration.isClassDeclaration() && declaration.node.id) {
    named.set(declaration.node.id.name, () => getClassValue(declaration, module, context));
  }
  const source = statement.node.source?.value;
  for (const specifier of statement.get('specifiers')) {
    if (!specifier.isExportSpecifier()) continue;
    const exported = specifier.node.exported;
    const exportedName = exported.type === 'Identifier' ? exported.name : exported.value;
    const local = specifier.get('local');
    if (source === undefined) {
      named.set(exportedName, () => evaluate(local, module, context));
      continue;
    }
    // `export { a as b } from './x'`: re-exports, read from that module.
    const localName = local.node.name;
    named.set(exportedName, () => {
      const from = getModuleValue(source, module, context, 'esm');
      return localName === 'default' ? getDefaultExport(from) : getMember(from, localName);
    });
  }
}

/** The exports of a CommonJS module that replaced `module.exports`. */
function getReplacedExports(exports: CollectedExports, replaced: NodePath, module: SourceFile, context: Context, style: 'cjs' | 'esm'): Value {
  const { named, opaque, afterReplace } = exports;
  const base = evaluate(replaced, module, context);
  // Members added after `module.exports = {...}`, or in ways not followed, are unknown.
  const value: Value =
    opaque || named.size > 0 || afterReplace.size > 0
      ? {
          t: 'object',
          thenable: 'maybe',
          members: (name) => afterReplace.get(name)?.() ?? (opaque || named.has(name) ? UNKNOWN : getMember(base, name)),
        }
      : base;
  // `import x from './cjs'` gets module.exports as the default export.
  if (style === 'esm' && value.t !== 'object') {
    return { t: 'object', thenable: false, members: (name) => (name === 'default' ? value : getMember(value, name)) };
  }
  return value;
}

/** The exports object of a module that exports by name (ESM, or CommonJS `exports.f = ...`). */
function getNamedExports(exports: CollectedExports, module: SourceFile, context: Context, style: 'cjs' | 'esm'): Value {
  const { named, opaque, stars } = exports;
  return {
    t: 'object',
    thenable: named.has('then') || opaque || stars.length > 0 ? 'maybe' : false,
    members: (name) => {
      const member = named.get(name);
      if (member) return member();
      if (opaque) return UNKNOWN;
      for (const source of stars) {
        const from = getModuleValue(source, module, context, 'esm');
        if (from.t !== 'object') return UNKNOWN;
        const starred = name === 'default' ? null : from.members(name);
        if (starred) return starred;
      }
      // A CommonJS module imported from ESM: its exports object is the default export.
      if (name === 'default' && style === 'esm' && named.size > 0 && !named.has('default')) return getExportsValue(module, context, 'cjs');
      return null;
    },
  };
}

/** The class whose instance `this` (or `super`) is at `path`: in a method, a field initializer, or an arrow function inside either. */
function getThisClass(path: NodePath): { classPath: NodePath<t.Class>; isStatic: boolean } | null {
  let current: NodePath | null = path.parentPath;
  while (current) {
    if (current.isClassMethod() || current.isClassPrivateMethod() || current.isClassProperty() || current.isClassPrivateProperty()) {
      const classPath = current.parentPath?.parentPath;
      if (!classPath || !(classPath.isClassDeclaration() || classPath.isClassExpression())) return null;
      return { classPath: classPath as NodePath<t.Class>, isStatic: !!(current.node as { static?: boolean }).static };
    }
    if (current.isFunction() && !current.isArrowFunctionExpression()) return null;
    current = current.parentPath;
  }
  return null;
}

function evaluateThis(path: NodePath, file: SourceFile, context: Context): Value {
  // `this` in a class method (not in a nested non-arrow function) is an instance of the class;
  // in a static method, the class itself.
  const owner = getThisClass(path);
  if (!owner) return UNKNOWN;
  return owner.isStatic ? getClassValue(owner.classPath, file, context) : getInstanceValue(owner.classPath, file, context);
}

/** `super` in a method: the superclass's instance (or the superclass, in a static method). */
function evaluateSuper(path: NodePath, file: SourceFile, context: Context): Value {
  const owner = getThisClass(path);
  if (!owner) return UNKNOWN;
  const superClass = getSuperClass(owner.classPath, file, context);
  if (!superClass || owner.isStatic) return superClass ?? UNKNOWN;
  return instantiate(superClass, context);
}

/** The value of a class's `extends` clause, or null when it has none. */
function getSuperClass(classPath: NodePath<t.Class>, file: SourceFile, context: Context): Value | null {
  if (!classPath.node.superClass) return null;
  return evaluate(classPath.get('superClass') as NodePath, file, context);
}

/** What `new C()` gives for a value `C`: an instance of a project class, or an SDK constructor's result. */
function instantiate(value: Value, context: Context): Value {
  if (value.t === 'class') return getInstanceValue(value.path, value.file, context);
  if (value.t === 'sdk') {
    const result = getSdkType(value.type)?.construct;
    return result ? fromSdkResult(result) : UNKNOWN;
  }
  return UNKNOWN;
}

/** Combines what a class declares about `then` with what its superclass's instances have. */
function joinThenable(own: boolean | 'maybe', inherited: Value | null): boolean | 'maybe' {
  if (own === true) return true;
  if (inherited === null) return own;
  const kind = toKind(inherited);
  if (kind === 'promise') return true;
  return kind === 'unknown' || own === 'maybe' ? 'maybe' : false;
}

interface ClassMembers {
  methods: Map<string, NodePath<FunctionNode>>;
  /** Field name -> the values written to it (`null`: a write whose value is not followed). */
  writes: Map<string, Array<NodePath | null>>;
  /** Field name -> its TypeScript type annotation (a class field's or a parameter property's). */
  annotations: Map<string, { type: t.TSType; scope: NodePath }>;
  thenable: boolean | 'maybe';
}

/** The members of a class, static or not: methods, fields and what is written to them. */
function getClassMembers(classPath: NodePath<t.Class>, isStatic: boolean): ClassMembers {
  const members: ClassMembers = { methods: new Map(), writes: new Map(), annotations: new Map(), thenable: false };
  const addWrite = (name: string, value: NodePath | null) => {
    const list = members.writes.get(name) ?? [];
    list.push(value);
    members.writes.set(name, list);
    if (name === 'then' && members.thenable !== true) members.thenable = 'maybe';
  };
  for (const member of (classPath.get('body') as NodePath<t.ClassBody>).get('body')) {
    const node = member.node;
    const isStaticMember = 'static' in node && !!node.static;
    if (node.type === 'ClassMethod') {
      if (!isStatic) collectThisWrites(member as NodePath<t.ClassMethod>, addWrite);
      if (node.kind === 'constructor') {
        if (!isStatic) collectParameterProperties(member as NodePath<t.ClassMethod>, members, addWrite);
        continue;
      }
      const key = !node.computed && node.key.type === 'Identifier' ? node.key.name : null;
      if (key === null) {
        if (isStaticMember === isStatic) members.thenable = members.thenable === true ? true : 'maybe';
        continue;
      }
      if (isStaticMember !== isStatic) continue;
      if (key === 'then') members.thenable = true;
      members.methods.set(key, member as NodePath<FunctionNode>);
    } else if (node.type === 'ClassProperty') {
      if (isStaticMember !== isStatic) continue;
      const key = !node.computed && node.key.type === 'Identifier' ? node.key.name : null;
      if (key === null) {
        members.thenable = members.thenable === true ? true : 'maybe';
        continue;
      }
      const value = (member as NodePath<t.ClassProperty>).get('value');
      if (value.node) addWrite(key, value as NodePath);
      else if (!node.typeAnnotation) addWrite(key, null);
      if (node.typeAnnotation?.type === 'TSTypeAnnotation') members.annotations.set(key, { type: node.typeAnnotation.typeAnnotation, scope: member });
    }
  }
  return members;
}

/** `constructor(private readonly db: Firestore)`: a field written from the parameter. */
function collectParameterProperties(method: NodePath<t.ClassMethod>, members: ClassMembers, addWrite: (name: string, value: NodePath | null) => void): void {
  const params = method.get('params') as NodePath[];
  for (const param of params) {
    if (!param.isTSParameterProperty()) continue;
    const inner = param.node.parameter;
    const id = inner.type === 'AssignmentPattern' ? inner.left : inner;
    if (id.type !== 'Identifier') {
      members.thenable = members.thenable === true ? true : 'maybe';
      continue;
    }
    // Babel gives a parameter property no binding: its annotation types the field; without one,
    // a caller may pass anything.
    if (id.typeAnnotation?.type === 'TSTypeAnnotation') members.annotations.set(id.name, { type: id.typeAnnotation.typeAnnotation, scope: method });
    else addWrite(id.name, null);
  }
}

/**
 * An instance of a project class (or, with `isStatic`, the class itself): its methods, getters, and
 * fields, each the join of every value written to it (its initializer, `this.x = ...` anywhere in
 * the class, a constructor parameter property) or its TypeScript type. Members the class does not
 * declare are its superclass's.
 */
function getInstanceValue(classPath: NodePath<t.Class>, file: SourceFile, context: Context, isStatic = false): Value {
  const superClass = getSuperClass(classPath, file, context);
  const inherited = superClass === null ? null : isStatic ? superClass : instantiate(superClass, context);
  // Static members inherit from the superclass too; a class itself is a function, never thenable.
  const members = getClassMembers(classPath, isStatic);
  const getField = (name: string): Value | null => {
    const annotation = members.annotations.get(name);
    if (annotation) {
      const typed = fromTypeAnnotation(annotation.type, annotation.scope, file, context);
      if (typed.t !== 'unknown') return typed;
    }
    const values = members.writes.get(name);
    if (!values) return null;
    if (values.some((value) => value === null)) return UNKNOWN;
    return join(values.map((value) => evaluate(value!, file, context)));
  };
  return {
    t: 'object',
    thenable: isStatic ? members.thenable : joinThenable(members.thenable, inherited),
    members: (name) => {
      const method = members.methods.get(name);
      if (method) {
        if (members.writes.has(name)) return UNKNOWN;
        const kind = (method.node as t.ClassMethod).kind;
        if (kind === 'get') return getReturnValue(method, file, context);
        return kind === 'method' ? { t: 'function', fn: method, file } : UNKNOWN;
      }
      const field = getField(name);
      if (field) return field;
      return inherited ? getMember(inherited, name) : UNKNOWN;
    },
  };
}

/** `this.x = value` anywhere in a method (arrow functions included: same `this`). */
function collectThisWrites(method: NodePath<t.ClassMethod>, addWrite: (name: string, value: NodePath | null) => void): void {
  method.traverse({
    Function(path) {
      if (!path.isArrowFunctionExpression()) path.skip();
    },
    AssignmentExpression(path) {
      const left = path.node.left;
      if (left.type !== 'MemberExpression' || left.object.type !== 'ThisExpression') return;
      const name = getPropertyName(left);
      if (name !== null) addWrite(name, path.node.operator === '=' ? (path.get('right') as NodePath) : null);
    },
    UpdateExpression(path) {
      const argument = path.node.argument;
      if (argument.type === 'MemberExpression' && argument.object.type === 'ThisExpression') {
        const name = getPropertyName(argument);
        if (name !== null) addWrite(name, null);
      }
    },
  });
}

/** A project class as a value: its static members; `new` on it gives an instance. */
function getClassValue(classPath: NodePath<t.Class>, file: SourceFile, context: Context): Value {
  let statics: Value | null = null;
  return {
    t: 'class',
    path: classPath,
    file,
    members: (name) => {
      statics ??= getInstanceValue(classPath, file, context, true);
      return getMember(statics, name);
    },
  };
}

/**
 * A function's parameter: what its TypeScript type says, else unknown (a caller may pass anything).
 * A parameter property or a parameter with a default is typed by its annotation too.
 */
function evaluateParam(binding: Binding, file: SourceFile, context: Context): Value {
  let param: t.Node = binding.path.node;
  if (param.type === 'TSParameterProperty') param = param.parameter;
  if (param.type === 'AssignmentPattern') param = param.left;
  if (param.type !== 'Identifier') return UNKNOWN;
  if (param.typeAnnotation?.type !== 'TSTypeAnnotation') return evaluateCallbackParam(binding, file, context);
  return fromTypeAnnotation(param.typeAnnotation.typeAnnotation, binding.path, file, context);
}

/** Global types whose values are not thenable, by name. */
const PLAIN_TYPE_NAMES: Readonly<Record<string, Value>> = {
  Array: ARRAY,
  ReadonlyArray: ARRAY,
  Map: { t: 'plain', shape: 'collection' },
  Set: { t: 'plain', shape: 'collection' },
  ReadonlyMap: { t: 'plain', shape: 'collection' },
  ReadonlySet: { t: 'plain', shape: 'collection' },
  WeakMap: { t: 'plain', shape: 'collection' },
  WeakSet: { t: 'plain', shape: 'collection' },
  Date: { t: 'plain', shape: 'date' },
  String: PRIMITIVE,
  Number: PRIMITIVE,
  Boolean: PRIMITIVE,
  RegExp: PLAIN,
  Error: PLAIN,
  Buffer: PLAIN,
  Uint8Array: PLAIN,
  URL: PLAIN,
  URLSearchParams: PLAIN,
};

/**
 * What a value of TypeScript type `type` (written at `scope`) is: `Promise<T>` a promise; string,
 * number, arrays, a project class or interface not thenable; an SDK type imported from its package
 * an object of that SDK type. Anything else is unknown.
 */
function fromTypeAnnotation(type: t.TSType, scope: NodePath, file: SourceFile, context: Context): Value {
  switch (type.type) {
    case 'TSStringKeyword':
    case 'TSNumberKeyword':
    case 'TSBooleanKeyword':
    case 'TSBigIntKeyword':
    case 'TSSymbolKeyword':
    case 'TSLiteralType':
    case 'TSTemplateLiteralType':
      return PRIMITIVE;
    case 'TSVoidKeyword':
    case 'TSUndefinedKeyword':
    case 'TSNullKeyword':
    case 'TSNeverKeyword':
      return PLAIN;
    case 'TSArrayType':
    case 'TSTupleType':
      return ARRAY;
    case 'TSParenthesizedType':
      return fromTypeAnnotation(type.typeAnnotation, scope, file, context);
    case 'TSFunctionType':
      return type.typeAnnotation ? { t: 'factory', returns: fromTypeAnnotation(type.typeAnnotation.typeAnnotation, scope, file, context) } : UNKNOWN;
    case 'TSUnionType': {
      const values = type.types.filter((member) => !isNullishType(member)).map((member) => fromTypeAnnotation(member, scope, file, context));
      return values.length === 1 && values.length < type.types.length ? values[0]! : join(values.length < type.types.length ? [...values, PLAIN] : values);
    }
    case 'TSTypeReference':
      return fromTypeReference(type, scope, file, context);
    default:
      return UNKNOWN;
  }
}

/** `import { Transaction } from 'firebase-admin/firestore'`: the SDK type a value so annotated has. */
function getExportedSdkType(specifier: NodePath<t.ImportSpecifier>): string | undefined {
  const source = getImportSource(specifier);
  const moduleType = source === null ? undefined : getSdkModuleTypeName(source);
  const type = moduleType === undefined ? undefined : getSdkType(moduleType);
  const imported = specifier.node.imported;
  return type && getSdkExportedType(type, imported.type === 'Identifier' ? imported.name : imported.value);
}

function isNullishType(type: t.TSType): boolean {
  return type.type === 'TSNullKeyword' || type.type === 'TSUndefinedKeyword' || type.type === 'TSVoidKeyword';
}

/** Global namespaces of SDK declarations, usable in annotations without an import (`FirebaseFirestore.Transaction`). */
const GLOBAL_TYPE_NAMESPACES: Readonly<Record<string, string>> = { FirebaseFirestore: '@google-cloud/firestore' };

/**
 * `admin.firestore.DocumentReference`, `firestore.Transaction`, `FirebaseFirestore.Firestore`: an
 * SDK type named through the module namespace it is exported from (an import or a `require`).
 */
function fromQualifiedTypeName(name: t.TSQualifiedName, scope: NodePath, file: SourceFile, context: Context): Value {
  const members: string[] = [];
  let root: t.Node = name;
  while (root.type === 'TSQualifiedName') {
    members.unshift(root.right.name);
    root = root.left;
  }
  if (root.type !== 'Identifier') return UNKNOWN;
  const binding = scope.scope.getBinding(root.name);
  let namespace: Value = UNKNOWN;
  if (binding) namespace = evaluateBinding(binding, file, context);
  else if (Object.hasOwn(GLOBAL_TYPE_NAMESPACES, root.name)) {
    const moduleType = getSdkModuleTypeName(GLOBAL_TYPE_NAMESPACES[root.name]!);
    if (moduleType) namespace = { t: 'sdk', type: moduleType };
  }
  const exported = members.pop()!;
  let type = namespace.t === 'sdk' ? getSdkType(namespace.type) : undefined;
  for (const member of members) {
    const property = type && getSdkProperty(type, member);
    type = typeof property === 'object' && 'type' in property ? getSdkType(property.type) : undefined;
  }
  const sdkType = type && getSdkExportedType(type, exported);
  return sdkType ? { t: 'sdk', type: sdkType } : UNKNOWN;
}

function fromTypeReference(type: t.TSTypeReference, scope: NodePath, file: SourceFile, context: Context): Value {
  if (type.typeName.type === 'TSQualifiedName') return fromQualifiedTypeName(type.typeName, scope, file, context);
  if (type.typeName.type !== 'Identifier') return UNKNOWN;
  const name = type.typeName.name;
  const binding = scope.scope.getBinding(name);
  if (!binding) {
    if (name === 'Promise' || name === 'PromiseLike') return PROMISE;
    return Object.hasOwn(PLAIN_TYPE_NAMES, name) ? PLAIN_TYPE_NAMES[name]! : UNKNOWN;
  }
  const declaration = binding.path;
  if (declaration.isClassDeclaration()) return getInstanceValue(declaration, file, context);
  // A type-only import (`import { type Firestore }`) is a binding of kind `unknown`.
  if (declaration.isImportSpecifier()) {
    const sdkType = getExportedSdkType(declaration);
    if (sdkType) return { t: 'sdk', type: sdkType };
  }
  if (declaration.isImportSpecifier() || declaration.isImportDefaultSpecifier() || declaration.isImportNamespaceSpecifier()) {
    const value = evaluateImport(declaration, file, context);
    if (value.t === 'class') return getInstanceValue(value.path, value.file, context);
    if (value.t === 'sdk') return instantiate(value, context);
  }
  return UNKNOWN;
}

function evaluateMember(path: NodePath<t.MemberExpression>, file: SourceFile, context: Context): Value {
  const name = getPropertyName(path.node);
  if (name === null) {
    // `docs[0]`: an element of an array whose elements are known (or undefined).
    if (path.node.property.type !== 'NumericLiteral') return UNKNOWN;
    const base = evaluate(path.get('object') as NodePath, file, context);
    return base.t === 'plain' && base.array && base.element ? orUndefined(base.element) : UNKNOWN;
  }
  // `module.exports` inside a CommonJS module: its own exports.
  if (isOwnExports(path)) return getExportsValue(file, context, 'cjs');
  const object = path.get('object') as NodePath;
  if (object.isIdentifier() && isGlobal(object, object.node.name) && object.node.name !== 'exports') return UNKNOWN;
  const base = evaluate(object, file, context);
  return getMember(base, name);
}

/** `exports` or `module.exports`, not shadowed: the module's own exports object. */
function isOwnExports(path: NodePath): boolean {
  if (path.isIdentifier()) return path.node.name === 'exports' && isGlobal(path, 'exports');
  if (!path.isMemberExpression()) return false;
  const object = path.node.object;
  return object.type === 'Identifier' && object.name === 'module' && getPropertyName(path.node) === 'exports' && isGlobal(path, 'module');
}

/** The member `name` of a value (a property read, not a call). */
function getMember(base: Value, name: string): Value {
  switch (base.t) {
    case 'sdk': {
      const type = getSdkType(base.type);
      if (!type) return UNKNOWN;
      const property = getSdkProperty(type, name);
      if (property) return fromSdkResult(property);
      if (getSdkMethod(type, name)) return { t: 'sdk-method', type: base.type, name };
      return UNKNOWN;
    }
    case 'object':
    case 'class':
      return base.members(name) ?? UNKNOWN;
    case 'factory':
      return base.members?.(name) ?? UNKNOWN;
    case 'response':
      return name === 'headersSent' || name === 'statusCode' || name === 'locals' ? PLAIN : UNKNOWN;
    case 'request':
      if (name === 'res') return { t: 'response' };
      return REQUEST_DATA.has(name) ? DATA : UNKNOWN;
    case 'plain':
      if (base.shape === 'data') return DATA;
      if (base.shape === 'settled') return PLAIN;
      if (base.shape === 'collection') return name === 'size' ? PRIMITIVE : UNKNOWN;
      return (base.array || base.shape === 'primitive') && name === 'length' ? PRIMITIVE : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function isFunctionArgument(node: t.Node | undefined): boolean {
  return !!node && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression');
}

function evaluateCall(path: NodePath<t.CallExpression>, file: SourceFile, context: Context): Value {
  const callee = path.get('callee') as NodePath;
  const args = path.node.arguments;
  // `super(...)` runs the superclass's constructor and gives `this`.
  if (callee.isSuper()) return evaluateThis(path, file, context);
  if (callee.isIdentifier()) {
    const name = callee.node.name;
    if (isGlobal(callee, name)) {
      if (name === 'fetch') return { t: 'promise', resolves: { t: 'sdk', type: 'fetch.Response' } };
      if (name === 'require') {
        const arg = args[0];
        return arg?.type === 'StringLiteral' ? getModuleValue(arg.value, file, context, 'cjs') : UNKNOWN;
      }
      if (name === 'String' || name === 'Number' || name === 'Boolean' || name === 'parseInt' || name === 'parseFloat') return PRIMITIVE;
      return PLAIN_GLOBAL_FUNCTIONS.has(name) ? PLAIN : UNKNOWN;
    }
  }
  if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
    const method = getPropertyName(callee.node);
    if (method === null) return UNKNOWN;
    const object = callee.get('object') as NodePath;
    if (object.isIdentifier() && isGlobal(object, object.node.name) && object.node.name !== 'exports') {
      const name = object.node.name;
      if (name === 'Promise') return ['resolve', 'reject', 'all', 'allSettled', 'race', 'any'].includes(method) ? PROMISE : UNKNOWN;
      if (name === 'Array') return method === 'from' || method === 'of' ? ARRAY : method === 'isArray' ? PLAIN : method === 'fromAsync' ? PROMISE : UNKNOWN;
      if (name === 'Object' && (method === 'keys' || method === 'entries')) return SETTLED;
      if (name === 'Object' && method === 'values') return ARRAY;
      if (name === 'JSON' && method === 'parse') return DATA;
      if (name === 'JSON' && method === 'stringify') return PRIMITIVE;
      if (name === 'Date' && method === 'now') return PRIMITIVE;
      if (PLAIN_GLOBAL_OBJECTS.has(name)) return PLAIN;
      if (name === 'process') return method === 'nextTick' || method === 'exit' || method === 'on' || method === 'cwd' ? PLAIN : UNKNOWN;
      return UNKNOWN;
    }
    // A promise chain: `.then(cb)`, `.catch(cb)`, `.finally(cb)` on a promise, or with a callback.
    if (method === 'then' || method === 'catch' || method === 'finally') {
      const receiver = evaluate(object, file, context);
      if (toKind(receiver) === 'promise') return PROMISE;
      if (isFunctionArgument(args[0]) || (method === 'then' && isFunctionArgument(args[1])))
        return receiver.t === 'unknown' || toKind(receiver) === 'promise' ? PROMISE : UNKNOWN;
      return UNKNOWN;
    }
    const receiver = evaluate(object, file, context);
    return callMethod(receiver, method, path, file, context);
  }
  const calleeValue = evaluate(callee, file, context);
  return callValue(calleeValue, context, path, file);
}

function callMethod(receiver: Value, method: string, call: NodePath<t.CallExpression>, file: SourceFile, context: Context): Value {
  switch (receiver.t) {
    case 'response':
      // Express's response methods return the response (`res.status(400).json(x)`); none a promise.
      return { t: 'response' };
    case 'request':
      return REQUEST_METHODS.has(method) ? PLAIN : UNKNOWN;
    case 'plain':
      if (receiver.array) {
        if (ARRAY_RETURNING.has(method)) {
          if (receiver.shape === 'settled' && method !== 'map' && method !== 'flatMap') return SETTLED;
          return receiver.element && ELEMENT_PRESERVING.has(method) ? receiver : ARRAY;
        }
        // `find`, `pop`, `at`...: an element, or undefined.
        if (ELEMENT_RETURNING.has(method)) return receiver.shape === 'settled' ? PLAIN : receiver.element ? orUndefined(receiver.element) : UNKNOWN;
        if (ARRAY_PLAIN.has(method)) return method === 'join' ? PRIMITIVE : PLAIN;
        return UNKNOWN;
      }
      // Methods of primitives, Dates and JSON-like data are the built-in prototypes' (no promise);
      // a Map's or Set's, too, except `get`, which returns what was stored.
      if (receiver.shape === 'primitive' || receiver.shape === 'date') return PRIMITIVE_RESULTS.has(method) ? ARRAY : PRIMITIVE;
      if (receiver.shape === 'data') return ARRAY_RETURNING.has(method) || method === 'split' ? ARRAY : PLAIN;
      if (receiver.shape === 'collection') return method === 'get' ? UNKNOWN : PLAIN;
      return UNKNOWN;
    case 'promise':
      return UNKNOWN;
    case 'sdk':
      return callSdkMethod(receiver.type, method, call, file, context);
    case 'factory': {
      const member = receiver.members?.(method);
      return member ? callValue(member, context, call, file) : UNKNOWN;
    }
    case 'object':
    case 'class': {
      const member = receiver.members(method);
      return member === null ? UNKNOWN : callValue(member, context, call, file);
    }
    default:
      return UNKNOWN;
  }
}

function callSdkMethod(typeName: string, method: string, call: NodePath<t.CallExpression>, file: SourceFile, context: Context): Value {
  const type = getSdkType(typeName);
  const entry = type && getSdkMethod(type, method);
  if (!entry) return UNKNOWN;
  const args = call.get('arguments') as NodePath[];
  const lastArg = args[args.length - 1];
  if (entry.callback && lastArg) {
    // With a callback the call returns nothing; without one, a promise. A last argument that may
    // or may not be a function (a parameter) leaves it open.
    if (isFunctionArgument(lastArg.node)) return PLAIN;
    if (!isDataLiteral(lastArg.node)) {
      const value = evaluate(lastArg, file, context);
      if (value.t === 'function' || value.t === 'plain-function' || value.t === 'promise-function') return PLAIN;
      if (!isNeverCallable(value)) return UNKNOWN;
    }
  }
  return fromSdkResult(entry.returns);
}

/** A value that is certainly not a function: data, an array, an object literal or instance, an SDK object that cannot be called. */
function isNeverCallable(value: Value): boolean {
  if (value.t === 'plain' || value.t === 'object' || value.t === 'response' || value.t === 'request') return true;
  if (value.t !== 'sdk') return false;
  const type = getSdkType(value.type);
  return !!type && type.call === undefined && type.construct === undefined;
}

function callValue(callee: Value, context: Context, call: NodePath<t.CallExpression>, file: SourceFile): Value {
  switch (callee.t) {
    case 'function':
      return getReturnValue(callee.fn, callee.file, context);
    case 'promise-function':
      return PROMISE;
    case 'plain-function':
      return PLAIN;
    case 'factory':
      return callee.returns;
    case 'promisify':
      return { t: 'promise-function' };
    case 'sdk-method':
      return callSdkMethod(callee.type, callee.name, call, file, context);
    case 'sdk': {
      const result = getSdkType(callee.type)?.call;
      return result ? fromSdkResult(result) : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

function evaluateNew(path: NodePath<t.NewExpression>, file: SourceFile, context: Context): Value {
  const callee = path.get('callee') as NodePath;
  if (callee.isIdentifier() && isGlobal(callee, callee.node.name)) {
    const name = callee.node.name;
    if (name === 'Promise') return PROMISE;
    if (name === 'Map' || name === 'Set' || name === 'WeakMap' || name === 'WeakSet') return { t: 'plain', shape: 'collection' };
    if (name === 'Date') return { t: 'plain', shape: 'date' };
    if (PLAIN_CONSTRUCTORS.has(name)) return PLAIN;
    if (name === 'Array') return ARRAY;
    return UNKNOWN;
  }
  return instantiate(evaluate(callee, file, context), context);
}

/** What calling a project function returns: a promise (async), or the join of its returns. */
function getReturnValue(fn: NodePath<FunctionNode>, file: SourceFile, context: Context): Value {
  const node = fn.node;
  if (node.async) return node.generator ? PLAIN : PROMISE;
  if (node.generator) return PLAIN;
  if (context.active.has(node)) return UNKNOWN;
  context.active.add(node);
  try {
    const body = fn.get('body') as NodePath;
    if (!body.isBlockStatement()) return evaluate(body, file, context);
    const values: Value[] = [];
    let unknown = false;
    fn.traverse({
      Function(inner) {
        inner.skip();
      },
      ReturnStatement(statement) {
        if (unknown) return;
        const argument = statement.get('argument');
        const value = argument.node ? evaluate(argument as NodePath, file, context) : PLAIN;
        if (value.t === 'unknown') unknown = true;
        values.push(value);
      },
    });
    if (unknown) return fromReturnType(fn, file, context);
    if (canCompleteNormally(body)) values.push(PLAIN);
    const joined = join(values);
    return joined.t === 'unknown' ? fromReturnType(fn, file, context) : joined;
  } finally {
    context.active.delete(node);
  }
}

/** What a function's TypeScript return type says its calls give (`Promise<...>`: a promise). */
function fromReturnType(fn: NodePath<FunctionNode>, file: SourceFile, context: Context): Value {
  const annotation = fn.node.returnType;
  if (!annotation || annotation.type !== 'TSTypeAnnotation') return UNKNOWN;
  return fromTypeAnnotation(annotation.typeAnnotation, fn, file, context);
}

/** Can control reach the end of `block` (so the function returns undefined there)? Conservative: true unless its last statement returns or throws. */
function canCompleteNormally(block: NodePath<t.BlockStatement>): boolean {
  const last = block.node.body[block.node.body.length - 1];
  if (!last) return true;
  return !endsAbruptly(last);
}

function endsAbruptly(statement: t.Statement): boolean {
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement': {
      const last = statement.body[statement.body.length - 1];
      return !!last && endsAbruptly(last);
    }
    case 'IfStatement':
      return !!statement.alternate && endsAbruptly(statement.consequent) && endsAbruptly(statement.alternate);
    case 'TryStatement': {
      if (statement.finalizer && endsAbruptly(statement.finalizer)) return true;
      const blockEnds = endsAbruptly(statement.block);
      return statement.handler ? blockEnds && endsAbruptly(statement.handler.body) : blockEnds;
    }
    default:
      return false;
  }
}

/** The value of a call's callee when it is a project function (for summaries of local helpers). */
export function getCalledFunction(call: NodePath<t.CallExpression>, file: SourceFile): { fn: NodePath<FunctionNode>; file: SourceFile } | null {
  const callee = call.get('callee') as NodePath;
  let value: Value;
  if (callee.isMemberExpression()) {
    const method = getPropertyName(callee.node);
    if (method === null) return null;
    const receiver = getValue(callee.get('object') as NodePath, file);
    value = receiver.t === 'object' ? (receiver.members(method) ?? UNKNOWN) : UNKNOWN;
  } else {
    value = getValue(callee, file);
  }
  return value.t === 'function' ? { fn: value.fn, file: value.file } : null;
}
