/** Text helpers: indentation, line endings and positions as the file itself writes them. */
import { getEol, getIndentUnit, getInsertionPointAfter, getLineColumn, getLineEnd, getLineIndent, LineIndex } from '../../../../transforms/lib/edit/text';

test('indentation unit, line endings and positions', () => {
  expect(getIndentUnit('a\n\tb\n\t\tc\n')).toBe('\t');
  expect(getIndentUnit('a\n    b\n        c\n    d\n')).toBe('    ');
  expect(getEol('a\r\nb\nc', 0)).toBe('\r\n');
  expect(getEol('a\r\nb\nc', 3)).toBe('\n');
  expect(getLineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
});

test('LineIndex converts offsets to 1-based positions and back', () => {
  const index = new LineIndex('ab\r\ncd\n\nef');
  expect(index.getPosition(0)).toEqual({ line: 1, column: 1 });
  expect(index.getPosition(5)).toEqual({ line: 2, column: 2 });
  expect(index.getPosition(8)).toEqual({ line: 4, column: 1 });
  for (const offset of [0, 3, 5, 7, 9]) {
    const { line, column } = index.getPosition(offset);
    expect(index.getOffset(line, column)).toBe(offset);
  }
});

test('a line ends before its CR LF; its indentation is its leading tabs and spaces', () => {
  const source = 'a\r\n\t  b();\r\n';
  expect(getLineEnd(source, 0)).toBe(1);
  expect(getLineIndent(source, source.indexOf('b'))).toBe('\t  ');
});

test('insertion after a statement goes past a trailing comment, unless code follows on the line', () => {
  const commented = 'a(); // note\nb();\n';
  expect(getInsertionPointAfter(commented, 4)).toEqual({ offset: commented.indexOf('\n'), ownLine: true });
  const shared = 'if (x) { a(); } else { b(); }\n';
  const end = shared.indexOf('a();') + 4;
  expect(getInsertionPointAfter(shared, end)).toEqual({ offset: end, ownLine: false });
});
