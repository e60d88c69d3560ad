/**
 * Parsing with @babel/parser, the same settings for the CLI, the tests and the jscodeshift entry
 * points. Offsets in the returned AST index the original text (a BOM is parsed as a space, so
 * offsets and lengths stay the same).
 */
import type { ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';
import type { ParserName } from './types';

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

/** The parser `auto` picks for a path: by extension; `.js` and friends accept JSX and Flow. */
export function getParserForPath(filePath: string): ParserName {
  const lower = filePath.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const ext = dot === -1 ? '' : lower.slice(dot);
  if (ext === '.tsx') return 'tsx';
  if (TS_EXTENSIONS.has(ext)) return 'ts';
  return 'babel';
}

export function isParserName(name: unknown): name is ParserName {
  return name === 'babel' || name === 'flow' || name === 'ts' || name === 'tsx';
}

const COMMON: ParserPlugin[] = ['decorators-legacy', 'doExpressions', 'exportDefaultFrom', 'throwExpressions'];

function getPlugins(parser: ParserName): ParserPlugin[] {
  switch (parser) {
    case 'ts':
      return ['typescript', ...COMMON];
    case 'tsx':
      return ['typescript', 'jsx', ...COMMON];
    case 'flow':
      return [['flow', { all: true }], 'jsx', ...COMMON];
    case 'babel':
      return ['flow', 'jsx', ...COMMON];
  }
}

/** A file that does not parse. `line` and `column` are 1-based. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

/** The text parsers are given: a leading BOM becomes a space, so offsets and lengths stay the same. */
export function withBomAsSpace(source: string): string {
  return source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source;
}

type BabelParse = typeof import('@babel/parser').parse;
let babelParse: BabelParse | undefined;

/** Parse `source`; throws ParseError with a 1-based position when it does not parse. */
export function parseSource(source: string, parser: ParserName): File {
  // Loaded on first use: the runner's main thread only needs `getParserForPath`.
  babelParse ??= (require('@babel/parser') as typeof import('@babel/parser')).parse;
  const text = withBomAsSpace(source);
  try {
    return babelParse(text, {
      sourceType: 'unambiguous',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowSuperOutsideMethod: true,
      allowUndeclaredExports: true,
      errorRecovery: false,
      plugins: getPlugins(parser),
    });
  } catch (error) {
    const e = error as { message?: string; loc?: { line: number; column: number } };
    const line = e.loc?.line ?? 1;
    const column = (e.loc?.column ?? 0) + 1;
    const message = (e.message ?? String(error)).replace(/ \(\d+:\d+\)$/, '');
    throw new ParseError(message, line, column);
  }
}
