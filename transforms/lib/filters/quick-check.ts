/**
 * The quick check, run after the text pre-check and before Babel: plain JavaScript is parsed with
 * meriyah, which builds a smaller AST two to three times faster than @babel/parser, and the same walk
 * as `mayHaveHandlers` runs over it. Only when that walk finds a possible handler is the file
 * parsed again with Babel for the transforms; most files the pre-check lets through have none.
 *
 * Whatever meriyah cannot parse (Flow, TypeScript, Babel-only syntax, a broken file) goes on to
 * Babel, which decides: the quick check never rules a file out on a parse error of its own.
 */
import { parse, type Options } from 'meriyah';
import { mayHaveHandlersEstree } from './candidates';
import { withBomAsSpace } from '../parse';
import type { ParserName } from '../types';

const COMMON: Options = { jsx: true, next: true, webcompat: true, ranges: false, loc: false };
const MODULE: Options = { ...COMMON, module: true };
const SCRIPT: Options = { ...COMMON, module: false, globalReturn: true };

function parseQuickly(source: string): object | null {
  const text = withBomAsSpace(source);
  for (const options of [MODULE, SCRIPT]) {
    try {
      return parse(text, options);
    } catch {
      // try the next goal, then leave it to Babel
    }
  }
  return null;
}

/**
 * False only when the file certainly holds no handler: it is plain JavaScript (parser `babel`),
 * meriyah parses it, and the candidate walk finds nothing. True otherwise.
 */
export function mayHaveHandlersQuick(source: string, parser: ParserName): boolean {
  if (parser !== 'babel') return true;
  const program = parseQuickly(source);
  return program === null || mayHaveHandlersEstree(program);
}
