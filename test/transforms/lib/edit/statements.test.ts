/** Statement-level building blocks: making a function async, tail position, dead code, writing statements in the file's style. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { applyEdits } from '../../../../transforms/lib/edit/edits';
import {
  ensureAsync,
  getSemicolon,
  insertStatementsAfter,
  insertStatementsBefore,
  isDeadCode,
  isTailPosition,
  needsParensForAwait,
} from '../../../../transforms/lib/edit/statements';
import type { FunctionNode } from '../../../../transforms/lib/handlers';
import { createSourceFile, getTraverse } from '../../../../transforms/lib/source-file';

function firstFunction(source: string, parser: 'babel' | 'ts' = 'babel') {
  const file = createSourceFile(source, parser);
  let fn: NodePath<FunctionNode> | undefined;
  getTraverse()(file.ast, {
    Function(path) {
      fn ??= path as NodePath<FunctionNode>;
    },
  });
  return { file, fn: fn! };
}

/** The statement marked by a `/*@*\/` comment right before it. */
function marked(source: string) {
  const { file, fn } = firstFunction(source);
  const mark = source.indexOf('/*@*/') + '/*@*/'.length;
  let statement: NodePath<t.Statement> | undefined;
  getTraverse()(file.ast, {
    Statement(path) {
      if (path.node.start === mark) statement ??= path;
    },
  });
  return { fn, statement: statement!, source };
}

describe('ensureAsync', () => {
  const make = (source: string, parser: 'babel' | 'ts' = 'babel') => {
    const { fn } = firstFunction(source, parser);
    const result = ensureAsync(fn, source);
    return 'edits' in result ? applyEdits(source, result.edits) : result.reason;
  };
  test.each([
    ['const h = (req, res) => {};', 'const h = async (req, res) => {};'],
    ['function h(req, res) {}', 'async function h(req, res) {}'],
    ['class A { static h(req, res) {} }', 'class A { static async h(req, res) {} }'],
    ['const h = async (req, res) => {};', 'const h = async (req, res) => {};'],
  ])('%s', (source, expected) => expect(make(source)).toBe(expected));

  test('a `void` return type becomes `Promise<void>`; another return type is a reason not to', () => {
    expect(make('function h(req, res): void {}', 'ts')).toBe('async function h(req, res): Promise<void> {}');
    expect(make('function h(req, res): string { return ""; }', 'ts')).toMatch(/return type "string"/);
  });

  test('generators and accessors cannot be made async', () => {
    expect(make('function* h(req, res) {}')).toBe('the function is a generator');
    expect(make('const o = { get h() { return 1; } };')).toBe('a get accessor cannot be async');
  });
});

test.each([
  ['function h() { a(); /*@*/b(); }', true],
  ['function h() { /*@*/a(); b(); }', false],
  ['function h() { if (x) { /*@*/a(); } }', true],
  ['function h() { if (x) { /*@*/a(); } b(); }', false],
])('isTailPosition: %s', (source, expected) => {
  const { fn, statement } = marked(source);
  expect(isTailPosition(statement, fn.node.body)).toBe(expected);
});

test.each([
  ['function h() { return 1; /*@*/a(); }', true],
  ['function h() { if (x) { throw e; } /*@*/a(); }', false],
  ['function h() { process.exit(1); /*@*/a(); }', true],
  ['function h() { if (x) return; /*@*/a(); }', false],
])('isDeadCode: %s', (source, expected) => {
  const { fn, statement } = marked(source);
  expect(isDeadCode(fn.node.body, statement)).toBe(expected);
});

test('needsParensForAwait: operators and arrows, not calls or parenthesized expressions', () => {
  const expression = (code: string) => (createSourceFile(code, 'babel').ast.program.body[0] as t.ExpressionStatement).expression;
  expect(needsParensForAwait(expression('a ? b() : c()'))).toBe(true);
  expect(needsParensForAwait(expression('a || b()'))).toBe(true);
  expect(needsParensForAwait(expression('db.save(x)'))).toBe(false);
  expect(needsParensForAwait(expression('(a || b())'))).toBe(false);
});

test('getSemicolon follows the statement', () => {
  expect(getSemicolon('a();', 4)).toBe(';');
  expect(getSemicolon('a()', 3)).toBe('');
});

describe('inserting statements in the file style', () => {
  test('after a statement: its indentation and line ending (CRLF kept)', () => {
    const source = 'function h() {\r\n\tif (x) {\r\n\t\ta();\r\n\t}\r\n}\r\n';
    const start = source.indexOf('a();');
    const edits = insertStatementsAfter(source, { start, end: start + 4 }, ['b();'], false);
    expect(applyEdits(source, edits)).toBe('function h() {\r\n\tif (x) {\r\n\t\ta();\r\n\t\tb();\r\n\t}\r\n}\r\n');
  });

  test('before a statement alone in an if body: wrapped in braces', () => {
    const source = 'function h() {\n  if (x) return p;\n}\n';
    const start = source.indexOf('return p;');
    const edits = insertStatementsBefore(source, { start, end: start + 9 }, ['await p;'], true);
    expect(applyEdits(source, edits)).toBe('function h() {\n  if (x) {\n    await p;\n    return p;\n  }\n}\n');
  });
});
