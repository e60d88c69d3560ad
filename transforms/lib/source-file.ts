/**
 * One parsed source text, shared by the transforms that run on it: the AST, a Babel traversal
 * root (for scopes and bindings), the HTTP handlers found in it and the disable comments.
 *
 * The traversal root is made only when needed: building it analyses every scope of the file, which
 * costs more than parsing. A file in which a plain walk finds no possible handler (`mayHaveHandlers`)
 * never gets one, nor loads @babel/traverse.
 */
import type { NodePath } from '@babel/traverse';
import type { File, Program } from '@babel/types';
import { parseSource } from './parse';
import type { ParserName } from './types';
import { findHandlers, type Handler } from './handlers';
import { mayHaveHandlers } from './filters/candidates';
import { getDisabledLines, type DisabledLines } from './disable';
import { isNextApiFile } from './next';

/** Loads the project's own modules a file imports (local-modules.ts), so the inference can follow calls into them. */
export interface ModuleLoader {
  /** The parsed local module `specifier` names from the file at `fromPath`, or null (a package, missing, unparsable). */
  load(fromPath: string, specifier: string): SourceFile | null;
}

export interface SourceContext {
  path?: string | null;
  modules?: ModuleLoader | null;
}

type Traverse = typeof import('@babel/traverse').default & { cache?: { clear(): void } };
let traverseFunction: Traverse | undefined;

/** @babel/traverse, loaded on first use (it is CommonJS with a `default` property; interop differs between tsc and jest). */
export function getTraverse(): Traverse {
  if (!traverseFunction) {
    const loaded = require('@babel/traverse') as { default?: Traverse } & Traverse;
    traverseFunction = loaded.default ?? loaded;
  }
  return traverseFunction;
}

/**
 * @babel/traverse keeps every visited node's paths and scopes in module-level WeakMaps. Over
 * thousands of files those tables make each garbage collection slower; a runner that never goes
 * back to an AST drops them after each file.
 */
export function clearTraversalCaches(): void {
  traverseFunction?.cache?.clear();
}

/** The traversal root of a parsed file, with its scopes analysed. */
export function getProgramPath(ast: File): NodePath<Program> {
  let program: NodePath<Program> | undefined;
  getTraverse()(ast, {
    Program(path) {
      program = path;
      path.stop();
    },
  });
  if (!program) throw new Error('no program');
  return program;
}

export interface SourceFile {
  /** Absolute path of the file, when it is known (local imports are resolved from it). */
  readonly path: string | null;
  /** Loads the local modules this file imports, when the caller allows following them. */
  readonly modules: ModuleLoader | null;
  readonly source: string;
  readonly parser: ParserName;
  readonly ast: File;
  readonly program: NodePath<Program>;
  readonly handlers: readonly Handler[];
  readonly disabled: DisabledLines;
}

/** Parse `source` (throws ParseError); handlers, scopes and disable comments are found on first use. */
export function createSourceFile(source: string, parser: ParserName, context: SourceContext = {}): SourceFile {
  const ast = parseSource(source, parser);
  let program: NodePath<Program> | undefined;
  let handlers: Handler[] | undefined;
  let disabled: DisabledLines | undefined;
  return {
    path: context.path ?? null,
    modules: context.modules ?? null,
    source,
    parser,
    ast,
    get program() {
      program ??= getProgramPath(ast);
      return program;
    },
    get handlers() {
      handlers ??= mayHaveHandlers(ast) ? findHandlers(this.program, source, { routeFile: isNextApiFile(this) }) : [];
      return handlers;
    },
    get disabled() {
      disabled ??= getDisabledLines(ast);
      return disabled;
    },
  };
}
