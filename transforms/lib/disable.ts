/**
 * `// sendlast-disable-next-line [name,...]` keeps the next line as it is: the transforms named
 * (all of them when none is named) neither change it nor report it.
 */
import type { File } from '@babel/types';

/** Line number (1-based) -> transforms disabled on it (`null`: all of them). */
export type DisabledLines = ReadonlyMap<number, ReadonlySet<string> | null>;

const DIRECTIVE = /^\s*sendlast-disable-next-line(?:\s+([\w\-,\s]*?))?\s*(?:--.*)?$/;

export function getDisabledLines(ast: File): DisabledLines {
  const lines = new Map<number, Set<string> | null>();
  for (const comment of ast.comments ?? []) {
    const match = DIRECTIVE.exec(comment.value);
    if (!match || !comment.loc) continue;
    const names = (match[1] ?? '').split(/[\s,]+/).filter(Boolean);
    const line = comment.loc.end.line + 1;
    if (names.length === 0) {
      lines.set(line, null);
      continue;
    }
    const existing = lines.get(line);
    if (existing === null) continue;
    const set = existing ?? new Set<string>();
    for (const name of names) set.add(name);
    lines.set(line, set);
  }
  return lines;
}

/** Is `transform` disabled on `line` (1-based)? */
export function isDisabled(disabled: DisabledLines, line: number, transform: string): boolean {
  if (!disabled.has(line)) return false;
  const names = disabled.get(line);
  return names === null || names === undefined || names.has(transform);
}
