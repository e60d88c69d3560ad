/**
 * One parsed source text, shared by the transforms that run on it: the AST, a Babel traversal
 * root (for scopes and bindings), the HTTP handlers found in it and the disable comments.
 */
import traverseModule, { type NodePath } from '@babel/traverse';
import type { File, Program } from '@babel/types';
import { parseSource } from './parse';
import type { ParserName } from './types';
import { findHandlers, type Handler } from './handlers';
import { getDisabledLines, type DisabledLines } from './disable';

// @babel/traverse is CommonJS with a `default` property; ts interop differs between tsc and jest.
const traverse: typeof traverseModule =
  (traverseModule as unknown as { default?: typeof traverseModule }).default ?? traverseModule;

export interface SourceFile {
  readonly source: string;
  readonly parser: ParserName;
  readonly ast: File;
  readonly program: NodePath<Program>;
  readonly handlers: readonly Handler[];
  readonly disabled: DisabledLines;
}

/** Parse `source` (throws ParseError) and find its handlers. */
export function createSourceFile(source: string, parser: ParserName): SourceFile {
  const ast = parseSource(source, parser);
  let program: NodePath<Program> | undefined;
  traverse(ast, {
    Program(path) {
      program = path;
      path.stop();
    },
  });
  if (!program) throw new Error('no program');
  const root = program;
  let handlers: Handler[] | undefined;
  let disabled: DisabledLines | undefined;
  return {
    source,
    parser,
    ast,
    program: root,
    get handlers() {
      handlers ??= findHandlers(root);
      return handlers;
    },
    get disabled() {
      disabled ??= getDisabledLines(ast);
      return disabled;
    },
  };
}

export { traverse };
