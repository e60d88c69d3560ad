/**
 * Resolving an expression to what it was imported or required as: `functions.region('x').https`
 * -> { module: 'firebase-functions', members: ['https'] }. Decided by binding, never by name alone.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

export interface ModuleRef {
  module: string;
  members: string[];
}

/** Builder calls of firebase-functions v1 that return the same namespace (`functions.region('x')`). */
const PASS_THROUGH_CALLS = new Set(['region', 'runWith']);
const MAX_DEPTH = 12;

export function getPropertyName(node: t.MemberExpression | t.OptionalMemberExpression): string | null {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'StringLiteral') return node.property.value;
  return null;
}

/** `a` in `a.b.c`, or null when the chain does not start with an identifier. */
export function getRootIdentifier(node: t.Node): t.Identifier | null {
  let current = node;
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') current = current.object;
  return current.type === 'Identifier' ? current : null;
}

function getRequireSource(node: t.Node): string | null {
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0]?.type === 'StringLiteral'
  ) {
    return node.arguments[0].value;
  }
  return null;
}

export function unwrap(node: t.Node): t.Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TypeCastExpression' ||
    current.type === 'ParenthesizedExpression'
  ) {
    current = current.expression;
  }
  return current;
}

/** What `name` refers to at `scopePath`, when it is bound to an import or a require. */
function resolveIdentifier(scopePath: NodePath, name: string, depth: number): ModuleRef | null {
  const binding = scopePath.scope.getBinding(name);
  if (!binding) return null;
  const declaration = binding.path;
  if (binding.kind === 'module') {
    const parent = declaration.parentPath;
    if (!parent?.isImportDeclaration()) return null;
    const module = parent.node.source.value;
    if (declaration.isImportSpecifier()) {
      const imported = declaration.node.imported;
      const importedName = imported.type === 'Identifier' ? imported.name : imported.value;
      return importedName === 'default' ? { module, members: [] } : { module, members: [importedName] };
    }
    return { module, members: [] };
  }
  if (declaration.isVariableDeclarator()) {
    // Reassigned bindings (`let x = require('a'); x = other`) are not provably the module.
    if (!binding.constant) return null;
    const init = declaration.node.init;
    if (!init) return null;
    const base = resolveNode(declaration, init, depth + 1);
    if (!base) return null;
    const id = declaration.node.id;
    if (id.type === 'Identifier') return base;
    if (id.type === 'ObjectPattern') {
      for (const property of id.properties) {
        if (property.type !== 'ObjectProperty') continue;
        const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
        if (value.type !== 'Identifier' || value.name !== name) continue;
        const key =
          property.key.type === 'Identifier' && !property.computed ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : null;
        return key ? { module: base.module, members: [...base.members, key] } : null;
      }
    }
    return null;
  }
  if (declaration.isTSImportEqualsDeclaration()) {
    const ref = declaration.node.moduleReference;
    if (ref.type === 'TSExternalModuleReference') return { module: ref.expression.value, members: [] };
  }
  return null;
}

/** Resolve `node` (in `scopePath`'s scope) to a module and member chain, or null when it is not provably one. */
function resolveNode(scopePath: NodePath, node: t.Node, depth: number): ModuleRef | null {
  if (depth > MAX_DEPTH) return null;
  node = unwrap(node);
  if (node.type === 'Identifier') return resolveIdentifier(scopePath, node.name, depth + 1);
  const required = getRequireSource(node);
  if (required !== null) {
    return !isGlobal(scopePath, 'require') ? null : { module: required, members: [] };
  }
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
    const name = getPropertyName(node);
    if (name === null) return null;
    const base = resolveNode(scopePath, node.object, depth + 1);
    return base ? { module: base.module, members: [...base.members, name] } : null;
  }
  if (node.type === 'CallExpression' && (node.callee.type === 'MemberExpression' || node.callee.type === 'OptionalMemberExpression')) {
    const name = getPropertyName(node.callee);
    if (name && PASS_THROUGH_CALLS.has(name)) return resolveNode(scopePath, node.callee.object, depth + 1);
  }
  return null;
}

/** Resolve a node that lives under `scopePath` (same scope). */
export function resolveNodeAt(scopePath: NodePath, node: t.Node): ModuleRef | null {
  return resolveNode(scopePath, node, 0);
}

/** A call of `object.method(...)` on the global `object` (not shadowed): `process.exit()`, `Promise.reject(e)`. */
/** `name` at `path` is the global of that name: nothing in scope shadows it. */
export function isGlobal(path: NodePath, name: string): boolean {
  return !path.scope.getBinding(name);
}

export function isGlobalMethodCall(path: NodePath, object: string, methods: string | readonly string[]): boolean {
  if (!path.isCallExpression()) return false;
  const callee = path.node.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== object) return false;
  const method = getPropertyName(callee);
  return method !== null && (typeof methods === 'string' ? method === methods : methods.includes(method)) && isGlobal(path, object);
}
