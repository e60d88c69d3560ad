/** What a response object looks like, whoever holds it: its ending, identifying and other members. */
import type { NodePath } from '@babel/traverse';
import { ENDING_METHODS, getResponseUse, IDENTIFYING_METHODS } from '../../../transforms/lib/response-members';
import { createSourceFile, getTraverse } from '../../../transforms/lib/source-file';

/** The use of the first reference to `out` in `code`. */
function useOf(code: string) {
  const file = createSourceFile(`function f(out) {\n  ${code};\n}\n`, 'babel');
  let ref: NodePath | undefined;
  getTraverse()(file.ast, {
    Identifier(path) {
      if (!ref && path.node.name === 'out' && path.isReferencedIdentifier()) ref = path;
    },
  });
  return getResponseUse(ref!);
}

test('ending methods end the response; status and headers do not', () => {
  for (const method of ['send', 'json', 'end', 'sendStatus', 'redirect']) expect(ENDING_METHODS.has(method)).toBe(true);
  for (const method of ['status', 'set', 'write', 'writeHead']) expect(ENDING_METHODS.has(method)).toBe(false);
});

test('identifying methods are the ending ones plus status, writeHead and setHeader', () => {
  expect(new Set(IDENTIFYING_METHODS)).toEqual(new Set([...ENDING_METHODS, 'status', 'writeHead', 'setHeader']));
});

describe('getResponseUse', () => {
  test.each([
    ['out.send(1)', { kind: 'response', member: 'send', called: true }],
    ['out.status(404).end()', { kind: 'response', member: 'status', called: true }],
    ['out.setHeader("a", "b")', { kind: 'response', member: 'setHeader', called: true }],
    ['out.headersSent', { kind: 'response', member: 'headersSent', called: false }],
    ['out.locals.user = 1', { kind: 'response', member: 'locals', called: false }],
    // An HTTP client's response (fetch, axios) has a `status` property, not a method.
    ['if (out.status === 200) x()', { kind: 'other' }],
    ['out.concat(a)', { kind: 'other' }],
    ['helper(req, out)', { kind: 'neutral' }],
    ['return out', { kind: 'neutral' }],
  ])('%s', (code, expected) => {
    expect(useOf(code)).toEqual(expected);
  });
});
