/**
 * `xs.forEach(async (x) => {...})` starts one promise per element and waits for none of them.
 * Over an array, `await Promise.all(xs.map(...))` waits for all of them with the same concurrency.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { isFunctionNode, type FunctionNode } from './handlers';
import { getPropertyName, isGlobal } from './modules';
import { getPromiseKind, getValue } from './promises';
import type { SourceFile } from './source-file';
import type { TextEdit } from './types';
import { visitPaths } from './visit';

export interface AsyncForEach {
  call: NodePath<t.CallExpression>;
  callee: NodePath<t.MemberExpression>;
  /** The receiver is known to be an array (a literal, request data, an array method's result). */
  array: boolean;
  /** The receiver's SDK type, when it is an SDK object (`firestore.QuerySnapshot`). */
  sdkType?: string;
}

/** Does calling `fn` return a promise: an async function, or one whose every return is a promise? */
export function returnsPromise(fn: NodePath<FunctionNode>, file: SourceFile): boolean {
  if (fn.node.async) return !fn.node.generator;
  const body = fn.get('body');
  if (!body.isBlockStatement()) return getPromiseKind(body as NodePath, file) === 'promise';
  const values: NodePath[] = [];
  let bare = false;
  body.traverse({
    Function(path) {
      path.skip();
    },
    ReturnStatement(path) {
      const argument = path.get('argument');
      if (argument.node) values.push(argument as NodePath);
      else bare = true;
    },
  });
  return !bare && values.length > 0 && values.every((value) => getPromiseKind(value, file) === 'promise');
}

/** `xs.forEach(cb)` with a function callback: the call, its receiver, and the callback, or null. */
function getForEachCall(expression: NodePath, file: SourceFile): (AsyncForEach & { callback: NodePath<FunctionNode> }) | null {
  if (!expression.isCallExpression()) return null;
  const callee = expression.get('callee');
  if (!callee.isMemberExpression() || getPropertyName(callee.node) !== 'forEach') return null;
  const callback = expression.get('arguments')[0];
  if (!callback || !isFunctionNode(callback.node)) return null;
  const receiver = getValue(callee.get('object'), file);
  const array = receiver.t === 'plain' && (receiver.array === true || receiver.shape === 'data');
  return { call: expression, callee, array, callback: callback as NodePath<FunctionNode>, ...(receiver.t === 'sdk' ? { sdkType: receiver.type } : {}) };
}

/** `xs.forEach(cb)` whose callback returns a promise, or null. */
export function getAsyncForEach(expression: NodePath, file: SourceFile): AsyncForEach | null {
  const forEach = getForEachCall(expression, file);
  if (!forEach || !returnsPromise(forEach.callback, file)) return null;
  const { callback: _callback, ...rest } = forEach;
  return rest;
}

/**
 * `xs.forEach((x) => { promiseCall(x); })`: a callback that is not async and returns nothing, whose
 * own body starts promises and drops them (or discards them with `void`). `floating` lists those
 * statements; `only` is set when the body is that one statement (then `return` in front of it makes
 * the callback return the promise).
 */
export interface ForEachDroppingPromises extends AsyncForEach {
  floating: NodePath<t.ExpressionStatement>[];
  only: boolean;
  /** Promises the callback discards with `void` on purpose. */
  discarded: NodePath[];
}

export function getForEachDroppingPromises(expression: NodePath, file: SourceFile): ForEachDroppingPromises | null {
  const forEach = getForEachCall(expression, file);
  if (!forEach || forEach.callback.node.async || forEach.callback.node.generator) return null;
  const body = forEach.callback.get('body');
  if (!body.isBlockStatement() || returnsPromise(forEach.callback, file)) return null;
  const statements = body.get('body');
  const floating: NodePath<t.ExpressionStatement>[] = [];
  const discarded: NodePath[] = [];
  // Statements at any depth of the callback (`if (full) { batch.commit(); }`), nested functions aside.
  visitPaths([body], true, (statement) => {
    if (!statement.isExpressionStatement()) return;
    const expression = statement.get('expression');
    if (expression.isUnaryExpression({ operator: 'void' })) {
      const argument = expression.get('argument');
      if (getPromiseKind(argument, file) === 'promise') discarded.push(argument);
    } else if (getPromiseKind(expression, file) === 'promise') {
      floating.push(statement);
    }
  });
  if (floating.length === 0 && discarded.length === 0) return null;
  const { callback: _callback, ...rest } = forEach;
  // Rewritten only when the callback is that one statement; otherwise reported.
  const only = statements.length === 1 && floating.length === 1 && floating[0]!.node === statements[0]!.node;
  return { ...rest, floating, only, discarded };
}

/** `xs.forEach(cb)` -> `await Promise.all(xs.map(cb))`, or null when `Promise` is shadowed. */
export function getForEachAwaitEdits(forEach: AsyncForEach): TextEdit[] | null {
  if (!isGlobal(forEach.call, 'Promise')) return null;
  const { call } = forEach;
  const property = forEach.callee.node.property;
  return [
    { start: call.node.start!, end: call.node.start!, text: 'await Promise.all(' },
    { start: property.start!, end: property.end!, text: 'map' },
    { start: call.node.end!, end: call.node.end!, text: ')' },
  ];
}
