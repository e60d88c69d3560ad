/** The quick check: the same walk over meriyah's ESTree, and Babel's turn for whatever meriyah cannot parse. */
import { mayHaveHandlersQuick } from '../../../../transforms/lib/filters/quick-check';

describe('mayHaveHandlersQuick', () => {
  test.each([
    // ESTree shapes: Literal, Property, ChainExpression.
    [`module.exports = { handler(req, res) {} };`, true],
    [`module.exports = { 'handler': (req, out) => out?.send(1) };`, true],
    [`const express = require("express"); const app = express();`, true],
    [`exports.f = (a, b) => b?.concat(a);`, false],
    // Whatever meriyah cannot parse goes on to Babel: the quick check says yes.
    [`exports.f = (a: number, b: string) => b;`, true],
    [`exports.f = (a, b) => { return (;`, true],
    [`exports.f = (a, b) => b;\n<!-- an HTML comment in a script -->`, false],
  ])('%s', (source, expected) => {
    expect(mayHaveHandlersQuick(source, 'babel')).toBe(expected);
  });

  test('TypeScript and Flow files go on to Babel', () => {
    expect(mayHaveHandlersQuick('exports.f = (a, b) => b;', 'ts')).toBe(true);
    expect(mayHaveHandlersQuick('exports.f = (a, b) => b;', 'flow')).toBe(true);
  });
});
