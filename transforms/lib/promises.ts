/**
 * Is an expression a promise? Three answers, never a guess: `promise`, `not-promise` or `unknown`.
 */
import type { NodePath } from '@babel/traverse';
import type { SourceFile } from './source-file';

export type PromiseKind = 'promise' | 'not-promise' | 'unknown';

/** What evaluating the expression at `path` (in `file`) gives: a promise, not a promise, or unknown. */
export function getPromiseKind(_path: NodePath, _file: SourceFile): PromiseKind {
  return 'unknown';
}
