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

/** `xs.forEach(cb)` whose callback returns a promise, or null. */
export function getAsyncForEach(expression: NodePath, file: SourceFile): AsyncForEach | null {
  if (!expression.isCallExpression()) return null;
  const callee = expression.get('callee');
  if (!callee.isMemberExpression() || getPropertyName(callee.node) !== 'forEach') return null;
  const callback = expression.get('arguments')[0];
  if (!callback || !isFunctionNode(callback.node) || !returnsPromise(callback as NodePath<FunctionNode>, file)) return null;
  const receiver = getValue(callee.get('object'), file);
  const array = receiver.t === 'plain' && (receiver.array === true || receiver.shape === 'data');
  return { call: expression, callee, array, ...(receiver.t === 'sdk' ? { sdkType: receiver.type } : {}) };
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
