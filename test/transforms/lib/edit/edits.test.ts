/** Text edits on the original source: applied by ranges, merged when identical, mapped back to original offsets. */
import { applyEdits, createOffsetMapper, dedupeEdits, getSiteEdits, mapOffsetBack } from '../../../../transforms/lib/edit/edits';

test('applyEdits merges identical edits and keeps insertion order', () => {
  const out = applyEdits('abc', [
    { start: 1, end: 1, text: 'X' },
    { start: 1, end: 1, text: 'X' },
    { start: 1, end: 2, text: 'B' },
  ]);
  expect(out).toBe('aXBc');
});

test('applyEdits refuses overlapping edits', () => {
  expect(() =>
    applyEdits('abcd', [
      { start: 0, end: 2, text: '' },
      { start: 1, end: 3, text: '' },
    ]),
  ).toThrow(/overlapping/);
});

test('applyEdits keeps every byte outside the edits (CRLF, tabs, BOM)', () => {
  const source = '\uFEFF\tres.send(1);\r\n\treturn p;\r\n';
  const start = source.indexOf('return');
  expect(applyEdits(source, [{ start, end: start + 'return'.length, text: 'await' }])).toBe('\uFEFF\tres.send(1);\r\n\tawait p;\r\n');
});

test('dedupeEdits drops repeated identical edits only', () => {
  const edit = { start: 2, end: 2, text: 'async ' };
  expect(dedupeEdits([edit, { ...edit }, { start: 2, end: 2, text: 'other' }])).toHaveLength(2);
});

test('getSiteEdits: the edits of every site, in order', () => {
  const site = (text: string) => ({ transform: 't', line: 1, column: 1, message: 'm', edits: [{ start: 0, end: 0, text }] });
  expect(getSiteEdits([site('a'), site('b')]).map((e) => e.text)).toEqual(['a', 'b']);
});

test('mapOffsetBack maps edited offsets to the original', () => {
  const edits = [{ start: 2, end: 2, text: 'async ' }];
  expect(mapOffsetBack(edits, 1)).toBe(1);
  expect(mapOffsetBack(edits, 10)).toBe(4);
});

test('createOffsetMapper maps through a replacement and a deletion', () => {
  // 'return p;\nlog();' -> 'await p;\n'
  const source = 'return p;\nlog();';
  const edits = [
    { start: 0, end: 6, text: 'await' },
    { start: 10, end: 16, text: '' },
  ];
  expect(applyEdits(source, edits)).toBe('await p;\n');
  const toOriginal = createOffsetMapper(edits);
  // Inside inserted text: the start of the replaced range.
  expect(toOriginal(2)).toBe(0);
  expect(toOriginal(6)).toBe(7);
  // After an edit: past the text it replaced.
  expect(toOriginal(9)).toBe(16);
});
