/**
 * Response groups and the work that runs after them. A *response group* is a run of consecutive
 * response statements (`res.send(x); res.end();`); the statements after it in the same block, up
 * to the end of the block or a `return;` / `break;` / `continue;` / `throw`, are *post-response
 * work*. A statement that responds on every path (`try { res.json(r) } catch { res.send() }`) is
 * followed by post-response work too, but there is no single group to move it before. Also: a
 * `res.end()` made redundant by the response before it in its group; and whether a response is
 * certainly sent before a statement.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { Handler } from './handlers';
import { getResponseStatement, isResponseRef } from './responses';

/** The statements of one block (or `case` clause) of a handler, and what owns them. */
export interface StatementList {
  owner: NodePath<t.BlockStatement | t.SwitchCase>;
  statements: NodePath<t.Statement>[];
}

/** Every block and `case` clause of the handler, nested functions included, in source order. */
export function findStatementLists(handler: Handler): StatementList[] {
  const lists: StatementList[] = [];
  handler.path.traverse({
    BlockStatement(path) {
      lists.push({ owner: path, statements: path.get('body') });
    },
    SwitchCase(path) {
      lists.push({ owner: path, statements: path.get('consequent') });
    },
  });
  return lists.sort((a, b) => (a.owner.node.start ?? 0) - (b.owner.node.start ?? 0));
}

/** Is `statement` a response statement (`res.send(x);`, `res.status(201).json(x);`, `await res.end();`)? */
export function isResponseStatement(handler: Handler, statement: NodePath): boolean {
  return getResponseStatement(handler, statement) !== null;
}

/** Statements that end the work after a response: `return`, `break`, `continue`, `throw`. */
export function isTerminator(statement: NodePath): boolean {
  return statement.isReturnStatement() || statement.isBreakStatement() || statement.isContinueStatement() || statement.isThrowStatement();
}

/** Statements that do no work when they run: function and type declarations, `;`. */
export function isInert(statement: NodePath): boolean {
  const type = statement.node.type;
  return (
    type === 'FunctionDeclaration' ||
    type === 'EmptyStatement' ||
    type === 'TSInterfaceDeclaration' ||
    type === 'TSTypeAliasDeclaration' ||
    type === 'TSDeclareFunction' ||
    type === 'TypeAlias' ||
    type === 'InterfaceDeclaration' ||
    (type === 'VariableDeclaration' && (statement.node as t.VariableDeclaration).declare === true)
  );
}

/** How a statement can complete: after a response on every path, never normally, or otherwise. */
export type Completion = 'responded' | 'abrupt' | 'open';

function combine(a: Completion, b: Completion): Completion {
  if (a === 'open' || b === 'open') return 'open';
  if (a === 'abrupt' && b === 'abrupt') return 'abrupt';
  return 'responded';
}

function getListCompletion(handler: Handler, statements: readonly NodePath<t.Statement>[]): Completion {
  for (const statement of statements) {
    const completion = getCompletion(handler, statement);
    if (completion !== 'open') return completion;
  }
  return 'open';
}

/**
 * Whether every path through `statement` that reaches the next statement has sent a response
 * (`responded`), no path reaches it (`abrupt`), or some path may reach it without a response
 * (`open`). Looks through blocks, `if`/`else` and `try`/`catch`/`finally`; loops and `switch` are
 * `open`.
 */
export function getCompletion(handler: Handler, statement: NodePath): Completion {
  if (isResponseStatement(handler, statement)) return 'responded';
  if (isTerminator(statement)) return 'abrupt';
  if (statement.isBlockStatement()) return getListCompletion(handler, statement.get('body'));
  if (statement.isLabeledStatement()) return getCompletion(handler, statement.get('body'));
  if (statement.isIfStatement()) {
    const alternate = statement.get('alternate');
    if (!alternate.node) return 'open';
    return combine(getCompletion(handler, statement.get('consequent')), getCompletion(handler, alternate as NodePath));
  }
  if (statement.isTryStatement()) {
    const finalizer = statement.get('finalizer');
    if (finalizer.node) {
      const after = getCompletion(handler, finalizer as NodePath);
      if (after !== 'open') return after;
    }
    const block = getCompletion(handler, statement.get('block'));
    const catchClause = statement.get('handler');
    if (!catchClause.node) return block;
    return combine(block, getCompletion(handler, (catchClause as NodePath<t.CatchClause>).get('body')));
  }
  return 'open';
}

/**
 * Is a response certainly sent before `statement` runs: an earlier statement on the way to it
 * responds on every path that continues (`res.send(x);`, or `try { res.json(r) } catch { res.end() }`)?
 */
export function isRespondedBefore(handler: Handler, statement: NodePath): boolean {
  const body = handler.path.node.body;
  let current: NodePath | null = statement;
  while (current && current.node !== body) {
    if (typeof current.key === 'number' && current.getAllPrevSiblings().some((s) => getCompletion(handler, s) === 'responded')) {
      return true;
    }
    if (current.isFunction()) return false;
    current = current.parentPath;
  }
  return false;
}

/** Work that runs after a response, found in one statement list. */
export interface PostResponse {
  /**
   * `group`: `responders` is a response group the work can be moved before. `every-path`:
   * `responders` is one statement that responds on every path (report only).
   */
  kind: 'group' | 'every-path';
  responders: NodePath<t.Statement>[];
  /** The statements after the responders up to the terminator; trailing inert statements left out. */
  work: NodePath<t.Statement>[];
  /** The `return`/`break`/`continue`/`throw` ending the work, or null at the end of the list. */
  terminator: NodePath<t.Statement> | null;
}

/**
 * The first response group (or statement responding on every path) of a statement list and the
 * work after it, or null when nothing responds before the list ends or control leaves it.
 */
export function getPostResponse(handler: Handler, statements: readonly NodePath<t.Statement>[]): PostResponse | null {
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index]!;
    let end: number;
    let kind: PostResponse['kind'];
    if (isResponseStatement(handler, statement)) {
      kind = 'group';
      end = index + 1;
      while (end < statements.length && isResponseStatement(handler, statements[end]!)) end++;
    } else {
      const completion = getCompletion(handler, statement);
      if (completion === 'abrupt') return null;
      if (completion === 'open') continue;
      kind = 'every-path';
      end = index + 1;
    }
    const work: NodePath<t.Statement>[] = [];
    let terminator: NodePath<t.Statement> | null = null;
    for (const next of statements.slice(end)) {
      if (isTerminator(next)) {
        terminator = next;
        break;
      }
      work.push(next);
    }
    while (work.length > 0 && isInert(work[work.length - 1]!)) work.pop();
    return { kind, responders: statements.slice(index, end), work, terminator };
  }
  return null;
}

/** `res.end();` exactly (no arguments, not awaited), on the handler's response. */
function isPlainEnd(handler: Handler, statement: NodePath): boolean {
  if (!statement.isExpressionStatement()) return false;
  const expression = statement.get('expression');
  if (!expression.isCallExpression() || expression.node.arguments.length > 0) return false;
  const callee = expression.get('callee');
  if (!callee.isMemberExpression() || callee.node.computed) return false;
  const property = callee.node.property;
  return property.type === 'Identifier' && property.name === 'end' && isResponseRef(handler, callee.get('object'));
}

/** Methods after which a plain `res.end()` in the same group is redundant. */
const TERMINAL = new Set(['send', 'json', 'jsonp', 'sendStatus']);

/**
 * Redundant `res.end()` statements (no arguments, not awaited): directly after a terminal
 * `send`/`json`/`jsonp`/`sendStatus` in one response group, or after another redundant one.
 */
export function findRedundantEnds(handler: Handler): { previous: t.Node; statement: t.Node }[] {
  const found: { previous: t.Node; statement: t.Node }[] = [];
  for (const list of findStatementLists(handler)) {
    let afterTerminal = false;
    list.statements.forEach((statement, index) => {
      const call = getResponseStatement(handler, statement);
      if (!call) {
        afterTerminal = false;
      } else if (afterTerminal && isPlainEnd(handler, statement)) {
        found.push({ previous: list.statements[index - 1]!.node, statement: statement.node });
      } else {
        afterTerminal = TERMINAL.has(call.method);
      }
    });
  }
  return found;
}
