/**
 * applyTransforms when a transform misbehaves: a rewrite that does not parse is reported as the
 * transforms' fault (TransformError, the file left unchanged), never as the file's own parse error,
 * whether the next transform or the final check is the first to parse it.
 */
import type { SourceFile } from '../transforms/lib/source-file';

const BREAK = { start: 0, end: 0, text: '(' };

jest.mock('../transforms/await-then-send', () => ({
  definition: {
    name: 'await-then-send',
    description: 'test double',
    run: (file: SourceFile) =>
      file.source.includes('BREAK-FIRST')
        ? { sites: [{ transform: 'await-then-send', line: 1, column: 1, message: 'breaks', edits: [BREAK] }], findings: [] }
        : { sites: [], findings: [] },
  },
}));
jest.mock('../transforms/send-status', () => ({
  definition: {
    name: 'send-status',
    description: 'test double',
    run: (file: SourceFile) =>
      file.source.includes('BREAK-LAST')
        ? { sites: [{ transform: 'send-status', line: 1, column: 1, message: 'breaks', edits: [BREAK] }], findings: [] }
        : { sites: [], findings: [] },
  },
}));

import { applyTransforms, ParseError, TransformError } from '../transforms/index';

test('a broken rewrite seen by the next transform is a TransformError', () => {
  const call = () => applyTransforms('exports.a = 1; // BREAK-FIRST\n', { path: 'a.js' });
  expect(call).toThrow(TransformError);
  expect(call).toThrow(/^await-then-send: the rewritten file would not parse \(.+ at \d+:\d+\); left unchanged$/);
});

test('a broken rewrite by the last transform is a TransformError', () => {
  const call = () => applyTransforms('exports.a = 1; // BREAK-LAST\n', { path: 'a.js' });
  expect(call).toThrow(TransformError);
  expect(call).toThrow(/^send-status: the rewritten file would not parse/);
});

test("the file's own parse error is a ParseError", () => {
  expect(() => applyTransforms('exports.a = (;\n', { path: 'a.js' })).toThrow(ParseError);
});
