/**
 * Statement-level building blocks shared by the transforms: making a function async, tail
 * position, and writing new statements in the file's own style (indentation, line endings,
 * semicolons).
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { FunctionNode } from '../handlers';
import { isGlobalMethodCall } from '../modules';
import { getEol, getIndentUnit, getInsertionPointAfter, getLineIndent } from './text';
import type { TextEdit } from '../types';

/** Edits that make `fn` async (idempotent: none when it already is), or a reason it cannot be. */
export function ensureAsync(fn: NodePath<FunctionNode>, source: string): { edits: TextEdit[] } | { reason: string } {
  const node = fn.node;
  if (node.async) return { edits: [] };
  if (node.generator) return { reason: 'the function is a generator' };
  const edits: TextEdit[] = [];
  if (node.type === 'ObjectMethod' || node.type === 'ClassMethod') {
    if (node.kind !== 'method') return { reason: `a ${node.kind} accessor cannot be async` };
    if (node.computed || node.start == null) return { reason: 'the method has a computed name' };
    const keyStart = node.key.start ?? node.start;
    // `static handler(req, res)` keeps `static` first.
    edits.push({ start: keyStart, end: keyStart, text: 'async ' });
  } else if (node.start != null) {
    edits.push({ start: node.start, end: node.start, text: 'async ' });
  }
  const returnType = node.returnType;
  if (returnType && returnType.type === 'TSTypeAnnotation' && returnType.start != null && returnType.end != null) {
    const type = returnType.typeAnnotation;
    if (type.type === 'TSVoidKeyword' && type.start != null && type.end != null) {
      edits.push({ start: type.start, end: type.end, text: 'Promise<void>' });
    } else if (!isPromiseType(type, source)) {
      return { reason: `its return type "${source.slice(type.start ?? 0, type.end ?? 0)}" would have to become a Promise` };
    }
  }
  return { edits };
}

function isPromiseType(type: t.TSType, source: string): boolean {
  return /^Promise\s*</.test(source.slice(type.start ?? 0, type.end ?? 0));
}

/** Would nothing in the function run after `statement` completes normally? */
export function isTailPosition(statement: NodePath, fnBody: t.Node): boolean {
  let current: NodePath = statement;
  for (;;) {
    const parent = current.parentPath;
    if (!parent) return false;
    if (parent.isBlockStatement()) {
      const rest = parent.node.body.slice((current.key as number) + 1);
      if (rest.some((s) => s.type !== 'FunctionDeclaration' && s.type !== 'EmptyStatement')) return false;
      if (parent.node === fnBody) return true;
      current = parent;
      continue;
    }
    if (parent.isIfStatement() || parent.isTryStatement() || parent.isCatchClause() || parent.isLabeledStatement()) {
      current = parent;
      continue;
    }
    return false;
  }
}

/** Does `node` need parentheses to be the operand of `await`? */
export function needsParensForAwait(node: t.Node): boolean {
  if (node.extra?.parenthesized) return false;
  switch (node.type) {
    case 'ConditionalExpression':
    case 'SequenceExpression':
    case 'AssignmentExpression':
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'ArrowFunctionExpression':
    case 'YieldExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TypeCastExpression':
      return true;
    default:
      return false;
  }
}

/** `;` when the statement at [start, end) ends with one (the file's style), else nothing. */
export function getSemicolon(source: string, end: number): string {
  return source[end - 1] === ';' ? ';' : '';
}

/** Is the statement in a position that holds exactly one statement (`if (x) return p;`)? */
export function isSingleStatementPosition(statement: NodePath): boolean {
  return typeof statement.key !== 'number';
}

/**
 * Edits that add `lines` (complete statements) after the statement at [start, end), on lines of
 * their own with the statement's indentation, after any comment ending its line. When the
 * statement is alone in an `if`/loop body, the statement and the lines are wrapped in braces.
 */
export function insertStatementsAfter(source: string, statement: { start: number; end: number }, lines: readonly string[], wrapInBlock: boolean): TextEdit[] {
  if (lines.length === 0) return [];
  const eol = getEol(source, statement.start);
  const baseIndent = getLineIndent(source, statement.start);
  const { offset, ownLine } = getInsertionPointAfter(source, statement.end);
  if (wrapInBlock) {
    const inner = baseIndent + getIndentUnit(source);
    return [
      { start: statement.start, end: statement.start, text: `{${eol}${inner}` },
      { start: offset, end: offset, text: `${lines.map((l) => `${eol}${inner}${l}`).join('')}${eol}${baseIndent}}` },
    ];
  }
  if (!ownLine) {
    // Code follows on the line (`} else { b() }`): without a line break, statements need `;`.
    const separator = source[statement.end - 1] === ';' ? '' : ';';
    return [{ start: offset, end: offset, text: separator + lines.map((l) => ` ${withSemicolon(l)}`).join('') }];
  }
  return [{ start: offset, end: offset, text: lines.map((l) => `${eol}${baseIndent}${l}`).join('') }];
}

/** A statement that ends with `;`, for statements that share a line with the next one. */
function withSemicolon(line: string): string {
  return /[;}]\s*$/.test(line) ? line : `${line};`;
}

/**
 * Edits that add `lines` (complete statements) before the statement at [start, end), on lines of
 * their own with the statement's indentation (or on its line when code precedes it there). When
 * the statement is alone in an `if`/`else`/loop body, the lines and the statement are wrapped in
 * braces.
 */
export function insertStatementsBefore(source: string, statement: { start: number; end: number }, lines: readonly string[], wrapInBlock: boolean): TextEdit[] {
  if (lines.length === 0) return [];
  const eol = getEol(source, statement.start);
  const baseIndent = getLineIndent(source, statement.start);
  if (wrapInBlock) {
    const inner = baseIndent + getIndentUnit(source);
    const { offset } = getInsertionPointAfter(source, statement.end);
    return [
      { start: statement.start, end: statement.start, text: `{${lines.map((l) => `${eol}${inner}${l}`).join('')}${eol}${inner}` },
      { start: offset, end: offset, text: `${eol}${baseIndent}}` },
    ];
  }
  const lineStart = source.lastIndexOf('\n', statement.start - 1) + 1;
  // Only indentation and comments before it (`/* step */ return`): the lines go above that line.
  if (/^(\s|\/\*.*?\*\/)*$/.test(source.slice(lineStart, statement.start))) {
    return [{ start: lineStart, end: lineStart, text: lines.map((l) => `${baseIndent}${l}${eol}`).join('') }];
  }
  return [{ start: statement.start, end: statement.start, text: lines.map((l) => `${withSemicolon(l)} `).join('') }];
}

/**
 * Is the statement unreachable: after an unconditional `return`/`throw`/`process.exit()` in a
 * block on its way up to `fnBody` (nested functions stop the walk)?
 */
export function isDeadCode(fnBody: t.Node, statement: NodePath): boolean {
  for (let current: NodePath = statement; current.node !== fnBody && current.parentPath; current = current.parentPath) {
    if (current.isFunction()) return false;
    if (typeof current.key !== 'number') continue;
    for (const previous of current.getAllPrevSiblings()) {
      if (previous.isReturnStatement() || previous.isThrowStatement()) return true;
      if (previous.isExpressionStatement() && isGlobalMethodCall(previous.get('expression'), 'process', 'exit')) return true;
    }
  }
  return false;
}
