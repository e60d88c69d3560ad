/**
 * The registry of transforms and `applyTransforms`, the one entry point the CLI, the tests and the
 * benchmark call. Transforms run in a canonical order on one parse; the text is parsed again only
 * after a transform changed it.
 */
import { applyEdits, createOffsetMapper, getSiteEdits } from './lib/edit/edits';
import { getParserForPath, parseSource, ParseError } from './lib/parse';
import { clearTraversalCaches, createSourceFile, getTraverse, type ModuleLoader, type SourceFile } from './lib/source-file';
import { LineIndex } from './lib/edit/text';
import { mightContainHandler } from './lib/filters/precheck';
import { createModuleLoader } from './lib/local-modules';
import { resolve as resolvePath } from 'node:path';
import type { TransformOptionDeclaration } from './lib/options';
import type { Finding, ParserName, Site, TextEdit, TransformOptions, TransformResult } from './lib/types';
import { definition as awaitFloating } from './await-floating';
import { definition as awaitThenSend } from './await-then-send';
import { definition as endHandler } from './end-handler';
import { definition as respondLast } from './respond-last';
import { definition as sendStatus } from './send-status';

export type { Finding, ParserName, Platform, Site, TextEdit, TransformOptions } from './lib/types';
export { ParseError, clearTraversalCaches, getParserForPath, mightContainHandler };
export { validateRespondTemplate } from './lib/edit/respond-template';
export { isPlatform, PLATFORMS, parseTransformOptions, readTransformOptions, type RawTransformOptions, type TransformOptionDeclaration } from './lib/options';
export { createModuleLoader, type ModuleLoader };

/** Load now what parsing and the scope analysis load on first use. */
export function preload(): void {
  parseSource('', 'babel');
  getTraverse();
  require('@babel/types');
}

/** What each transform module provides to the registry. */
export interface TransformDefinition {
  name: string;
  description: string;
  /** The options `run` reads (`RESPOND_OPTION`, `PLATFORM_OPTION` from `lib/options.ts`): `--list` names them. */
  options: readonly TransformOptionDeclaration[];
  run(file: SourceFile, options: TransformOptions): TransformResult;
}

const DEFINITIONS: readonly TransformDefinition[] = [awaitThenSend, awaitFloating, endHandler, respondLast, sendStatus];

/** Transform names in the canonical order they run in. */
export const TRANSFORM_NAMES: readonly string[] = DEFINITIONS.map((d) => d.name);

export const transforms: ReadonlyMap<string, TransformDefinition> = new Map(DEFINITIONS.map((d) => [d.name, d]));

/** A transform threw (a bug): reported for this file with the transform's name, the run goes on. */
export class TransformError extends Error {
  constructor(
    readonly transform: string,
    message: string,
  ) {
    super(`${transform}: ${message}`);
    this.name = 'TransformError';
  }
}

export interface ApplyOptions {
  /** The file's path: picks the parser when `parser` is `auto` or missing. */
  path: string;
  parser?: ParserName | 'auto';
  /** Transform names; default all, always run in canonical order. */
  transforms?: readonly string[];
  /**
   * Follows the file's local imports (`./lib/db`) so that calls into them can be judged; without
   * one, calls into other files are unknown.
   */
  modules?: ModuleLoader | null;
  /** Parsed once by the caller (`parseTransformOptions`) and passed to every transform as it is; default none given. */
  transformOptions?: TransformOptions;
}

/** What one transform did to the text it was given (for per-site review). */
export interface TransformStep {
  transform: string;
  /** The text this transform ran on (the original, or the previous step's output). */
  input: string;
  /** Sites with edits against `input` and positions in `input`. */
  sites: Site[];
}

export interface ApplyResult {
  /** The new text; identical (===) to the source when nothing changed. */
  output: string;
  changed: boolean;
  /** Transforms that changed something, in the order they ran. */
  applied: string[];
  /** Rewrite sites, positions in the original file. */
  sites: Site[];
  /** Findings, positions in the original file. */
  findings: Finding[];
  steps: TransformStep[];
}

/**
 * Run the selected transforms on `source`. Throws ParseError when the source does not parse and
 * TransformError when a transform fails or would produce text that does not parse.
 */
export function applyTransforms(source: string, options: ApplyOptions): ApplyResult {
  const parser = options.parser && options.parser !== 'auto' ? options.parser : getParserForPath(options.path);
  const selected = options.transforms ?? TRANSFORM_NAMES;
  for (const name of selected) {
    if (!transforms.has(name)) throw new Error(`unknown transform "${name}" (known: ${TRANSFORM_NAMES.join(', ')})`);
  }
  const transformOptions = options.transformOptions ?? {};
  const positions = new OriginalPositions(source);
  let current = source;
  let file: SourceFile | undefined;
  const result: ApplyResult = { output: source, changed: false, applied: [], sites: [], findings: [], steps: [] };
  for (const definition of DEFINITIONS) {
    if (!selected.includes(definition.name)) continue;
    try {
      file ??= createSourceFile(current, parser, { path: resolvePath(options.path), modules: options.modules });
    } catch (error) {
      throw current === source ? error : getRewrittenParseError(error, result.applied);
    }
    const step = runTransform(definition, file, transformOptions);
    for (const finding of step.findings) {
      const end = positions.toOriginal(finding.endLine, finding.endColumn);
      result.findings.push({ ...finding, ...positions.toOriginal(finding.line, finding.column), endLine: end.line, endColumn: end.column });
    }
    for (const site of step.sites) result.sites.push({ ...site, ...positions.toOriginal(site.line, site.column) });
    result.steps.push({ transform: definition.name, input: current, sites: step.sites });
    if (step.sites.length === 0) continue;
    const edits = getSiteEdits(step.sites);
    const next = applyEdits(current, edits);
    if (next === current) continue;
    positions.addStep(next, edits);
    current = next;
    file = undefined;
    result.applied.push(definition.name);
  }
  if (current !== source) {
    // A later transform that parsed the rewritten text has already shown that it parses.
    if (!file) {
      try {
        parseSource(current, parser);
      } catch (error) {
        throw getRewrittenParseError(error, result.applied);
      }
    }
    result.output = current;
    result.changed = true;
  }
  return result;
}

/** Runs one transform; anything it throws is a TransformError naming it (a bug, reported for the file). */
function runTransform(definition: TransformDefinition, file: SourceFile, options: TransformOptions): TransformResult {
  try {
    return definition.run(file, options);
  } catch (error) {
    throw new TransformError(definition.name, error instanceof Error ? error.message : String(error));
  }
}

/** A rewritten text that does not parse is the transforms' fault, never the file's. */
function getRewrittenParseError(error: unknown, applied: readonly string[]): unknown {
  if (!(error instanceof ParseError)) return error;
  return new TransformError(applied.join('+'), `the rewritten file would not parse (${error.message} at ${error.line}:${error.column}); left unchanged`);
}

/** Maps a line and column in a text rewritten step by step back to the original text. */
class OriginalPositions {
  private readonly mappers: ((offset: number) => number)[] = [];
  private readonly originalLines: LineIndex;
  private currentLines: LineIndex;

  constructor(source: string) {
    this.originalLines = new LineIndex(source);
    this.currentLines = this.originalLines;
  }

  /** The text is now `text`, made from the previous one by `edits`. */
  addStep(text: string, edits: readonly TextEdit[]): void {
    this.mappers.push(createOffsetMapper(edits));
    this.currentLines = new LineIndex(text);
  }

  toOriginal(line: number, column: number): { line: number; column: number } {
    let offset = this.currentLines.getOffset(line, column);
    for (let i = this.mappers.length - 1; i >= 0; i--) offset = this.mappers[i]!(offset);
    return this.originalLines.getPosition(offset);
  }
}
