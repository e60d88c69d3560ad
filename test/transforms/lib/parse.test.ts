/** Parsing: the parser a path picks, BOM handling that keeps offsets, and 1-based parse errors. */
import { getParserForPath, isParserName, ParseError, parseSource, withBomAsSpace } from '../../../transforms/lib/parse';

test.each([
  ['src/index.ts', 'ts'],
  ['a.mts', 'ts'],
  ['a.cts', 'ts'],
  ['App.TSX', 'tsx'],
  ['a.js', 'babel'],
  ['a.jsx', 'babel'],
  ['a.mjs', 'babel'],
  ['Makefile', 'babel'],
])('getParserForPath(%s) is %s', (file, parser) => {
  expect(getParserForPath(file)).toBe(parser);
});

test('isParserName accepts exactly the four parsers', () => {
  expect(['babel', 'flow', 'ts', 'tsx'].every(isParserName)).toBe(true);
  expect(isParserName('auto')).toBe(false);
  expect(isParserName('typescript')).toBe(false);
});

test('a BOM is parsed as a space: offsets index the original text', () => {
  const source = '\uFEFFconst a = 1;';
  expect(withBomAsSpace(source)).toBe(' const a = 1;');
  const ast = parseSource(source, 'babel');
  const declaration = ast.program.body[0]!;
  expect(source.slice(declaration.start!, declaration.end!)).toBe('const a = 1;');
});

test('TypeScript, JSX and Flow each parse with their parser', () => {
  expect(() => parseSource('const a = <T,>(x: T): T => x;', 'ts')).not.toThrow();
  expect(() => parseSource('const a = <div>{x}</div>;', 'babel')).not.toThrow();
  expect(() => parseSource('function f(x: ?string): void {}', 'flow')).not.toThrow();
  expect(() => parseSource('abstract class A {}', 'babel')).toThrow(ParseError);
  expect(() => parseSource('abstract class A {}', 'ts')).not.toThrow();
});

test('a file that does not parse throws ParseError with a 1-based line and column', () => {
  let error: unknown;
  try {
    parseSource('const a = 1;\nconst = 2;\n', 'babel');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ParseError);
  expect(error).toMatchObject({ line: 2, column: 7 });
});
