/** `// sendlast-disable-next-line [name,...]`: which lines each transform leaves alone. */
import { getDisabledLines, isDisabled } from '../../../transforms/lib/disable';
import { parseSource } from '../../../transforms/lib/parse';

const disabledIn = (source: string) => getDisabledLines(parseSource(source, 'babel'));

describe('getDisabledLines', () => {
  test('a bare directive disables every transform on the next line only', () => {
    const lines = disabledIn('// sendlast-disable-next-line\nres.send(1);\nres.send(2);\n');
    expect([...lines]).toEqual([[2, null]]);
  });

  test('named transforms, separated by commas or spaces, with a `-- reason` after them', () => {
    const lines = disabledIn('foo();\n// sendlast-disable-next-line respond-last, send-status -- reviewed\nres.send(1);\n');
    expect([...(lines.get(3) ?? [])].sort()).toEqual(['respond-last', 'send-status']);
  });

  test('a block comment counts, from the line its comment ends on', () => {
    const lines = disabledIn('/* sendlast-disable-next-line\n   end-handler */\nres.send(1);\n');
    expect([...lines.keys()]).toEqual([3]);
    expect([...(lines.get(3) ?? [])]).toEqual(['end-handler']);
  });

  test('other comments and a directive with text before it are not directives', () => {
    expect(disabledIn('// eslint-disable-next-line\n// TODO sendlast-disable-next-line\nres.send(1);\n').size).toBe(0);
  });

  test('a bare directive wins over a named one for the same line', () => {
    const lines = disabledIn('// sendlast-disable-next-line send-status\nx(); // sendlast-disable-next-line\nres.send(1);\n');
    expect(lines.get(2)).toEqual(new Set(['send-status']));
    expect(lines.get(3)).toBeNull();
  });
});

describe('isDisabled', () => {
  const lines = disabledIn('// sendlast-disable-next-line\na();\n// sendlast-disable-next-line respond-last\nb();\nc();\n');
  test.each([
    [2, 'respond-last', true],
    [2, 'send-status', true],
    [4, 'respond-last', true],
    [4, 'send-status', false],
    [5, 'respond-last', false],
  ])('line %i, %s: %s', (line, transform, expected) => {
    expect(isDisabled(lines, line, transform)).toBe(expected);
  });
});
