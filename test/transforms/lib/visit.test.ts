/**
 * visitPaths: every path under the given ones, the given ones first, nested functions skipped on
 * request, and the walk stops at the first callback that returns true.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { createSourceFile } from '../../../transforms/lib/source-file';
import { visitPaths } from '../../../transforms/lib/visit';

const SOURCE = `
await db.collection('logs').add({ at: Date.now() });
items.forEach((item) => queue.push(item));
res.send('ok');
`;

function statements(): NodePath[] {
  return createSourceFile(SOURCE, 'babel').program.get('body');
}

function calledNames(skipFunctions: boolean, stopAt?: string): string[] {
  const names: string[] = [];
  visitPaths(statements(), skipFunctions, (path) => {
    if (!path.isCallExpression() || !t.isMemberExpression(path.node.callee) || !t.isIdentifier(path.node.callee.property)) return;
    names.push(path.node.callee.property.name);
    return path.node.callee.property.name === stopAt;
  });
  return names;
}

test('visits the given paths and everything under them, nested functions included', () => {
  expect(calledNames(false)).toEqual(['add', 'collection', 'now', 'forEach', 'push', 'send']);
});

test('skips nested functions on request', () => {
  expect(calledNames(true)).toEqual(['add', 'collection', 'now', 'forEach', 'send']);
});

test('stops at the first callback that returns true, also across the given paths', () => {
  expect(calledNames(false, 'now')).toEqual(['add', 'collection', 'now']);
  expect(calledNames(false, 'forEach')).toEqual(['add', 'collection', 'now', 'forEach']);
});

test('a given path the callback stops at is the last one visited', () => {
  const seen: string[] = [];
  visitPaths(statements(), false, (path) => {
    seen.push(path.type);
    return path.isExpressionStatement();
  });
  expect(seen).toEqual(['ExpressionStatement']);
});
