/** `xs.forEach(async (x) => ...)`: found when the callback returns a promise, rewritten to `await Promise.all(xs.map(...))`. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { getAsyncForEach, getForEachAwaitEdits } from '../../../transforms/lib/foreach';
import { applyEdits } from '../../../transforms/lib/edit/edits';
import { createSourceFile, type SourceFile } from '../../../transforms/lib/source-file';

/** The expression of the first statement of the handler body. */
function load(body: string): { file: SourceFile; expression: NodePath } {
  const file = createSourceFile(`exports.h = async (req, res) => {\n  ${body}\n  res.send(1);\n};\n`, 'babel');
  const statements = (file.handlers[0]!.path.get('body') as NodePath<t.BlockStatement>).get('body');
  const first = statements.find((statement) => statement.isExpressionStatement()) as NodePath<t.ExpressionStatement>;
  return { file, expression: first.get('expression') };
}

test.each([
  ['[1, 2].forEach(async (x) => { await save(x); });', true],
  ['req.body.items.forEach(async (item) => save(item));', true],
  ['items.forEach(async function (item) { await save(item); });', false],
])('an async callback is found: %s (receiver known to be an array: %s)', (body, array) => {
  const { file, expression } = load(body);
  expect(getAsyncForEach(expression, file)).toEqual(expect.objectContaining({ array }));
});

test.each(['items.forEach((item) => log(item));', 'items.map(async (item) => save(item));', 'items.forEach(function* (item) { yield item; });'])(
  'not an async forEach: %s',
  (body) => {
    const { file, expression } = load(body);
    expect(getAsyncForEach(expression, file)).toBeNull();
  },
);

test('the rewrite waits for every element with the same concurrency', () => {
  const { file, expression } = load('items.forEach(async (item) => { await save(item); });');
  const edits = getForEachAwaitEdits(getAsyncForEach(expression, file)!)!;
  expect(applyEdits(file.source, edits)).toContain('  await Promise.all(items.map(async (item) => { await save(item); }));\n');
});

test('no rewrite when `Promise` is shadowed', () => {
  const { file, expression } = load('const Promise = Bluebird;\n  items.forEach(async (item) => { await save(item); });');
  const forEach = getAsyncForEach(expression, file);
  expect(forEach).not.toBeNull();
  expect(getForEachAwaitEdits(forEach!)).toBeNull();
});
