/**
 * applyTransforms when a transform misbehaves: a rewrite that does not parse is reported as the
 * transforms' fault (TransformError, the file left unchanged), never as the file's own parse error,
 * whether the next transform or the final check is the first to parse it.
 */
import type { SourceFile } from '../../transforms/lib/source-file';

/** A transform double that breaks the syntax of any file holding `marker`. */
function mockBreakingTransform(name: string, marker: string) {
  const edit = { start: 0, end: 0, text: '(' };
  const run = (file: SourceFile) =>
    file.source.includes(marker)
      ? { sites: [{ transform: name, line: 1, column: 1, message: 'breaks', edits: [edit] }], findings: [] }
      : { sites: [], findings: [] };
  return { definition: { name, description: 'test double', run } };
}

jest.mock('../../transforms/await-then-send', () => mockBreakingTransform('await-then-send', 'BREAK-FIRST'));
jest.mock('../../transforms/send-status', () => mockBreakingTransform('send-status', 'BREAK-LAST'));

import { applyTransforms, ParseError, TransformError } from '../../transforms/index';

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
