/** Resolving expressions to what they were imported or required as, by binding. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { getPropertyName, isGlobal, isGlobalMethodCall, resolveNodeAt, unwrap } from '../../../transforms/lib/modules';
import { parseSource } from '../../../transforms/lib/parse';
import { createSourceFile, getTraverse } from '../../../transforms/lib/source-file';

/** The expression of the last statement of `source`, as a path. */
function lastExpression(source: string, parser: 'babel' | 'ts' = 'babel'): NodePath<t.Expression> {
  const file = createSourceFile(source, parser);
  let found: NodePath<t.Expression> | undefined;
  getTraverse()(file.ast, {
    ExpressionStatement(path) {
      found = path.get('expression');
    },
  });
  return found!;
}

test('getPropertyName: a name or a string key, null when computed from a value', () => {
  const member = (code: string) => (parseSource(code, 'babel').program.body[0] as t.ExpressionStatement).expression as t.MemberExpression;
  expect(getPropertyName(member('a.b'))).toBe('b');
  expect(getPropertyName(member("a['b']"))).toBe('b');
  expect(getPropertyName(member('a[b]'))).toBeNull();
});

test('unwrap: looks through TypeScript assertions and parentheses', () => {
  const expression = lastExpression('((db as any)!);', 'ts');
  expect(unwrap(expression.node)).toEqual(expect.objectContaining({ type: 'Identifier', name: 'db' }));
});

describe('resolveNodeAt', () => {
  test.each<[string, unknown]>([
    ["const functions = require('firebase-functions');\nfunctions.region('x').https;", { module: 'firebase-functions', members: ['https'] }],
    ["import { onRequest } from 'firebase-functions/v2/https';\nonRequest;", { module: 'firebase-functions/v2/https', members: ['onRequest'] }],
    ["import * as ff from '@google-cloud/functions-framework';\nff.http;", { module: '@google-cloud/functions-framework', members: ['http'] }],
    ["const { https } = require('firebase-functions');\nhttps.onRequest;", { module: 'firebase-functions', members: ['https', 'onRequest'] }],
    // Decided by binding: a local variable of the same name is not the module.
    ["const functions = require('firebase-functions');\nfunction f(functions) { functions.https; }", null],
    ['functions.https;', null],
  ])('%s', (source, expected) => {
    const expression = lastExpression(source);
    expect(resolveNodeAt(expression, expression.node)).toEqual(expected);
  });
});

test('isGlobalMethodCall: the global object only, with one of the methods', () => {
  expect(isGlobalMethodCall(lastExpression('process.exit(1);'), 'process', 'exit')).toBe(true);
  expect(isGlobalMethodCall(lastExpression('Promise.reject(e);'), 'Promise', ['all', 'reject'])).toBe(true);
  expect(isGlobalMethodCall(lastExpression('Promise.resolve(e);'), 'Promise', ['all', 'reject'])).toBe(false);
  expect(isGlobalMethodCall(lastExpression('const process = child();\nprocess.exit(1);'), 'process', 'exit')).toBe(false);
});

test('isGlobal: a name nothing in scope shadows', () => {
  expect(isGlobal(lastExpression('process.exit(1);'), 'process')).toBe(true);
  expect(isGlobal(lastExpression('function f(process) { process.exit(1); }\nf;'), 'process')).toBe(true);
  const inner = (() => {
    const file = createSourceFile('function f(process) { process.exit(1); }', 'babel');
    let found: NodePath | undefined;
    getTraverse()(file.ast, {
      CallExpression(path) {
        found = path;
      },
    });
    return found!;
  })();
  expect(isGlobal(inner, 'process')).toBe(false);
});
