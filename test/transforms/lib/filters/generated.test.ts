/** Compiled output: TypeScript's and Babel's downlevel helpers, or a source map comment. */
import { isGeneratedSource } from '../../../../transforms/lib/filters/generated';

test.each([
  ['TypeScript helpers', 'var __awaiter = (this && this.__awaiter) || function () {};', true],
  ['Babel helpers', 'function _asyncToGenerator(fn) { return fn; }', true],
  ['regenerator', 'regeneratorRuntime.mark(function f() {});', true],
  ['a source map comment', 'exports.a = 1;\n//# sourceMappingURL=a.js.map\n', true],
  ['hand-written code', 'exports.a = async (req, res) => { await x(); res.send(1); };\n', false],
])('%s', (_name, text, expected) => {
  expect(isGeneratedSource(text)).toBe(expected);
});
