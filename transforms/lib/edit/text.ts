/** Text helpers: positions, line endings and indentation as the file itself writes them. */

/** Line starts of a text, for converting between offsets and 1-based line/column in O(log n). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly source: string) {
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of `offset`. */
  getPosition(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  /** Offset of a 1-based line and column. */
  getOffset(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
    return start + column - 1;
  }
}

/** 1-based line and column of `offset`. */
export function getLineColumn(source: string, offset: number): { line: number; column: number } {
  return new LineIndex(source).getPosition(offset);
}

/** Offset of the start of the line holding `offset`. */
export function getLineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break ending the line holding `offset` (the `\r` of a CRLF), or source.length. */
export function getLineEnd(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  if (nl === -1) return source.length;
  return nl > 0 && source[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The whitespace that starts the line holding `offset`. */
export function getLineIndent(source: string, offset: number): string {
  const start = getLineStart(source, offset);
  const match = /^[ \t]*/.exec(source.slice(start, start + 200));
  return match ? match[0] : '';
}

/** The line break used near `offset` (so a file with mixed endings stays mixed). */
export function getEol(source: string, offset: number): string {
  const nl = source.indexOf('\n', offset);
  const at = nl !== -1 ? nl : source.lastIndexOf('\n', offset);
  if (at === -1) return '\n';
  return at > 0 && source[at - 1] === '\r' ? '\r\n' : '\n';
}

let lastIndentSource: string | null = null;
let lastIndentUnit = '  ';

/** The file's indentation unit: a tab, or the most common step between indented lines (default 2). */
export function getIndentUnit(source: string): string {
  if (source !== lastIndentSource) {
    lastIndentUnit = computeIndentUnit(source);
    lastIndentSource = source;
  }
  return lastIndentUnit;
}

function computeIndentUnit(source: string): string {
  const counts = new Map<number, number>();
  let tabs = 0;
  let spaces = 0;
  let previous = 0;
  for (const line of source.split('\n')) {
    if (!line.trim()) continue;
    const match = /^[ \t]*/.exec(line);
    const indent = match ? match[0] : '';
    if (indent.startsWith('\t')) {
      tabs += 1;
      continue;
    }
    if (indent.length > 0) spaces += 1;
    const step = indent.length - previous;
    if (step > 0 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
    previous = indent.length;
  }
  if (tabs > spaces) return '\t';
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return ' '.repeat(best);
}

/**
 * The end of the statement's line when only whitespace and comments follow it there, so inserted
 * lines go after a trailing comment; otherwise the statement's own end.
 */
export function getInsertionPointAfter(source: string, end: number): { offset: number; ownLine: boolean } {
  const lineEnd = getLineEnd(source, end);
  const rest = source.slice(end, lineEnd);
  if (/^\s*(\/\/.*|\/\*.*?\*\/\s*)?$/.test(rest)) return { offset: lineEnd, ownLine: true };
  return { offset: end, ownLine: false };
}
