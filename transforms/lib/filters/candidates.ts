/**
 * A plain walk over a parsed file, without scopes: false only when `findHandlers` cannot find a
 * handler in it, so the scope analysis (which costs more than parsing) is skipped. It mirrors
 * `findHandlers` by name where that works by binding, so it finds a superset. It reads Babel's AST
 * and the ESTree AST of the quick check (quick-check.ts) alike. Tests check it over every fixture
 * and example, and `npm run test:corpus` over the whole corpus.
 *
 * - A registration's callee resolves to an import or `require` of a registration module and ends
 *   in the API's own name: `http` (Functions Framework), `onRequest` (firebase), `createServer`
 *   (Node); an Express app resolves to an import or `require` of `express`.
 * - An exported handler is a function exported inline or by name, whose second parameter is named
 *   or typed as a response, or has an identifying method called on it somewhere (`out.send(`).
 */
import type * as t from '@babel/types';
import { isFunctionNode, isResponseTyped, REGISTRATION_API_BY_MODULE, RESPONSE_NAME, type FunctionNode } from '../handlers';
import { getPropertyName, unwrap } from '../modules';
import { IDENTIFYING_METHODS } from '../response-members';

/**
 * The ESTree nodes the walk reads that Babel's AST does not have (`Literal`, `Property`). Others,
 * such as `ChainExpression` and `MethodDefinition`, are only walked through.
 */
type EstreeNode = { type: 'Literal'; value: unknown } | { type: 'Property'; value: AnyNode; key: AnyNode };
type AnyNode = t.Node | EstreeNode;

const IDENTIFYING: ReadonlySet<string> = new Set(IDENTIFYING_METHODS);
const API_NAMES: ReadonlySet<string> = new Set([...REGISTRATION_API_BY_MODULE.values()].filter((api) => api !== null));

/** A function's second parameter, as far as `findHandlers` could take it for a response. */
interface SecondParameter {
  name: string;
  /** Named or typed as a response. */
  named: boolean;
}

interface Facts {
  /** API names each imported or required registration module needs (null: none). */
  imported: Set<string | null>;
  /** Names and string values that a registration callee may end in. */
  apiNames: Set<string>;
  /** Second parameters of functions exported inline. */
  exported: SecondParameter[];
  /** Identifiers used as export values (`exports.x = name`, `export { name }`, `export default name`). */
  exportedNames: Set<string>;
  /** Second parameters of named functions (declarations and `const name = function`), by name. */
  named: Map<string, SecondParameter[]>;
  /** Names on which an identifying method is called (`out.send(`). */
  identifyingObjects: Set<string>;
}

function isFunction(node: AnyNode | null | undefined): node is FunctionNode {
  return isFunctionNode(node as t.Node | null | undefined);
}

/** A string literal's value (Babel's `StringLiteral`, ESTree's `Literal`). */
function getString(node: AnyNode | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return null;
}

/** `a.name` or `a['name']` (a Babel `StringLiteral` or an ESTree `Literal`): the member's name. */
function getMemberName(node: t.MemberExpression | t.OptionalMemberExpression): string | null {
  return getPropertyName(node) ?? (node.computed ? getString(node.property as AnyNode) : null);
}

function getSecondParameter(fn: FunctionNode): SecondParameter | null {
  const param = fn.params[1];
  const id = param?.type === 'AssignmentPattern' ? param.left : param;
  if (id?.type !== 'Identifier') return null;
  return { name: id.name, named: RESPONSE_NAME.test(id.name) || isResponseTyped(id) };
}

/** `exports` or `module.exports`, by name. */
function isExportsObject(node: t.Node): boolean {
  if (node.type === 'Identifier') return node.name === 'exports';
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && getMemberName(node) === 'exports';
}

/** An export value, seen through type assertions and parentheses (as `getFunctionPath` sees it, or more). */
function addExported(value: AnyNode | null | undefined, facts: Facts): void {
  if (!value) return;
  const node = unwrap(value as t.Node);
  if (isFunction(node)) {
    const param = getSecondParameter(node);
    if (param) facts.exported.push(param);
  } else if (node.type === 'Identifier') {
    facts.exportedNames.add(node.name);
  }
}

function addImported(module: string, facts: Facts): void {
  const api = REGISTRATION_API_BY_MODULE.get(module);
  if (api !== undefined) facts.imported.add(api);
}

function addNamed(name: string, fn: FunctionNode, facts: Facts): void {
  const param = getSecondParameter(fn);
  if (!param) return;
  const list = facts.named.get(name);
  if (list) list.push(param);
  else facts.named.set(name, [param]);
}

/** `require('x')`, and `out.send(...)`: an identifying method called on a name (optional calls too, to stay a superset). */
function visitCall(node: t.CallExpression | t.OptionalCallExpression, facts: Facts): void {
  const source = node.arguments.length === 1 ? getString(node.arguments[0] as AnyNode) : null;
  if (node.callee.type === 'Identifier' && node.callee.name === 'require' && source !== null) addImported(source, facts);
  const callee = node.callee;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.object.type === 'Identifier') {
    const name = getMemberName(callee);
    if (name !== null && IDENTIFYING.has(name)) facts.identifyingObjects.add(callee.object.name);
  }
}

/** `module.exports = ...`, `exports.x = ...`, `module.exports.x = ...`. */
function visitAssignment(node: t.AssignmentExpression, facts: Facts): void {
  const left = node.left;
  if (left.type !== 'MemberExpression') return;
  if (isExportsObject(left)) {
    if (node.right.type === 'ObjectExpression') {
      for (const property of node.right.properties as AnyNode[]) {
        if (property.type === 'ObjectMethod') addExported(property, facts);
        else if (property.type === 'ObjectProperty' || property.type === 'Property') addExported(property.value, facts);
      }
    } else {
      addExported(node.right, facts);
    }
  } else if (isExportsObject(left.object)) {
    addExported(node.right, facts);
  }
}

/** `export function`, `export const`, and `export { name }` (not a re-export). */
function visitExportNamed(node: t.ExportNamedDeclaration, facts: Facts): void {
  const declaration = node.declaration;
  if (declaration?.type === 'FunctionDeclaration') addExported(declaration, facts);
  else if (declaration?.type === 'VariableDeclaration') {
    for (const declarator of declaration.declarations) addExported(declarator.init, facts);
  }
  if (node.source) return;
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ExportSpecifier' && specifier.local.type === 'Identifier') facts.exportedNames.add(specifier.local.name);
  }
}

function visit(node: AnyNode, facts: Facts): void {
  switch (node.type) {
    case 'Identifier':
      if (API_NAMES.has(node.name)) facts.apiNames.add(node.name);
      break;
    case 'StringLiteral':
    case 'Literal': {
      const value = getString(node);
      if (value !== null && API_NAMES.has(value)) facts.apiNames.add(value);
      break;
    }
    case 'ImportDeclaration': {
      const source = getString(node.source as AnyNode);
      if (source !== null) addImported(source, facts);
      break;
    }
    case 'TSImportEqualsDeclaration':
      if (node.moduleReference.type === 'TSExternalModuleReference') addImported(node.moduleReference.expression.value, facts);
      break;
    case 'CallExpression':
    case 'OptionalCallExpression':
      visitCall(node, facts);
      break;
    case 'AssignmentExpression':
      visitAssignment(node, facts);
      break;
    case 'ExportNamedDeclaration':
      visitExportNamed(node, facts);
      break;
    case 'ExportDefaultDeclaration':
      addExported(node.declaration, facts);
      break;
    case 'FunctionDeclaration':
      if (node.id) addNamed(node.id.name, node, facts);
      break;
    case 'VariableDeclarator':
      if (node.id.type === 'Identifier' && isFunction(node.init)) addNamed(node.id.name, node.init, facts);
      break;
  }
}

let visitorKeys: Record<string, string[] | undefined> | undefined;

/** Babel's AST: the child keys @babel/types lists for each node type. */
function walkBabel(node: t.Node, facts: Facts): void {
  visit(node, facts);
  // Loaded on first use: the quick check (ESTree only) runs where Babel is not loaded.
  visitorKeys ??= (require('@babel/types') as typeof import('@babel/types')).VISITOR_KEYS;
  const keys = visitorKeys[node.type];
  if (!keys) return;
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (!value) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item) walkBabel(item as t.Node, facts);
    } else if (typeof value === 'object') {
      walkBabel(value as t.Node, facts);
    }
  }
}

/** An ESTree AST without locations: every property that holds nodes is a child. */
function walkEstree(node: AnyNode, facts: Facts): void {
  visit(node, facts);
  const record = node as unknown as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === 'object' && typeof (item as AnyNode).type === 'string') walkEstree(item as AnyNode, facts);
      }
    } else if (typeof (value as AnyNode).type === 'string') {
      walkEstree(value as AnyNode, facts);
    }
  }
}

function mayBeHandler(param: SecondParameter, facts: Facts): boolean {
  return param.named || facts.identifyingObjects.has(param.name);
}

function createFacts(): Facts {
  return {
    imported: new Set(),
    apiNames: new Set(),
    exported: [],
    exportedNames: new Set(),
    named: new Map(),
    identifyingObjects: new Set(),
  };
}

function decide(facts: Facts): boolean {
  for (const api of facts.imported) {
    if (api === null || facts.apiNames.has(api)) return true;
  }
  if (facts.exported.some((param) => mayBeHandler(param, facts))) return true;
  for (const name of facts.exportedNames) {
    if (facts.named.get(name)?.some((param) => mayBeHandler(param, facts))) return true;
  }
  return false;
}

/** Could `findHandlers` find a handler in this file (Babel's AST)? False only when it certainly cannot. */
export function mayHaveHandlers(ast: t.File): boolean {
  const facts = createFacts();
  walkBabel(ast.program, facts);
  return decide(facts);
}

/** The same for an ESTree program (without locations), as the quick check's parser makes. */
export function mayHaveHandlersEstree(program: object): boolean {
  const facts = createFacts();
  walkEstree(program as AnyNode, facts);
  return decide(facts);
}
