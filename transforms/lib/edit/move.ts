/**
 * Moving statements by text: cut the moved statements as whole lines (indentation, comments on
 * their lines and the line break included) and insert them before a target statement, at the start
 * of its line (before the comments directly above it). The moved text keeps its bytes, so CRLF
 * files stay CRLF; blank lines between the target and the moved code end up between the moved code
 * and the target. When the code shares lines with other code, the statements are moved inline.
 */
import { applyEdits } from './edits';
import { getEol, getLineIndent, getLineStart } from './text';
import type { TextEdit } from '../types';

export interface Range {
  start: number;
  end: number;
}

export interface Comment {
  start: number;
  end: number;
}

export interface MoveRequest {
  source: string;
  /** Every comment of the file (`ast.comments`), with start/end offsets. */
  comments: readonly Comment[];
  /** The statements to move before: from the first one's start to the last one's end. */
  target: Range;
  /** The statements to move: from the first one's start to the last one's end (after the target). */
  moved: Range;
  /** Edits inside `moved` (such as `await ` insertions), applied to the moved text. */
  editsInMoved?: readonly TextEdit[];
  /** Ranges inside `moved` whose line starts must not be re-indented (template literals, comments). */
  protectedRanges?: readonly Range[];
}

const WHITESPACE = /^[ \t]*$/;

function isWhitespace(text: string): boolean {
  return WHITESPACE.test(text);
}

/** The rest of the line after `offset` holds only whitespace and comments that end on it. */
function isRestOfLineComments(source: string, comments: readonly Comment[], offset: number): boolean {
  let position = offset;
  for (;;) {
    const nl = source.indexOf('\n', position);
    const lineEnd = nl === -1 ? source.length : nl;
    const rest = source.slice(position, lineEnd).replace(/\r$/, '');
    const trimmed = rest.trimStart();
    if (trimmed === '') return true;
    const at = position + (rest.length - trimmed.length);
    const comment = comments.find((c) => c.start === at);
    if (!comment || comment.end > lineEnd) return false;
    position = comment.end;
  }
}

/**
 * Where the comments directly above the statement starting at `start` begin: own-line comments
 * with no blank line between them and the statement. `start` itself when there are none.
 */
export function getLeadingCommentsStart(source: string, comments: readonly Comment[], start: number): number {
  let head = start;
  for (;;) {
    const lineStart = getLineStart(source, head);
    if (lineStart === 0 || !isWhitespace(source.slice(lineStart, head))) return head;
    const above = comments.find(
      (c) => c.end <= lineStart && /^[ \t]*\r?\n$/.test(source.slice(c.end, lineStart)) && isWhitespace(source.slice(getLineStart(source, c.start), c.start)),
    );
    if (!above) return head;
    head = above.start;
  }
}

/** `text` with `from` replaced by `to` at the start of each line that starts with it, except in protected ranges. */
function getReindentEdits(source: string, range: Range, from: string, to: string, protectedRanges: readonly Range[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let lineStart = range.start; lineStart < range.end; ) {
    const isProtected = protectedRanges.some((r) => r.start < lineStart && lineStart < r.end);
    if (!isProtected && source.startsWith(from, lineStart)) {
      edits.push({ start: lineStart, end: lineStart + from.length, text: to });
    }
    const nl = source.indexOf('\n', lineStart);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return edits;
}

function getMovedText(source: string, range: Range, edits: readonly TextEdit[]): string {
  const shifted = edits.map((e) => ({ start: e.start - range.start, end: e.end - range.start, text: e.text }));
  return applyEdits(source.slice(range.start, range.end), shifted);
}

/**
 * The edits that move `moved` before `target`, or null when the text cannot be moved safely
 * (comments between the target and the moved code on a line they share).
 */
export function getMoveBeforeEdits(request: MoveRequest): TextEdit[] | null {
  const { source, comments, target, moved } = request;
  const editsInMoved = request.editsInMoved ?? [];
  const head = getLeadingCommentsStart(source, comments, target.start);
  const headLineStart = getLineStart(source, head);
  const afterTarget = source.indexOf('\n', target.end);
  const afterMoved = source.indexOf('\n', moved.end);
  const wholeLines =
    isWhitespace(source.slice(headLineStart, head)) &&
    afterTarget !== -1 &&
    afterTarget < moved.start &&
    isRestOfLineComments(source, comments, target.end) &&
    isRestOfLineComments(source, comments, moved.end);

  if (!wholeLines) {
    const separator = source.slice(target.end, moved.start);
    if (separator.trim() !== '') return null;
    const text = getMovedText(source, moved, editsInMoved);
    // `res.send(x)\n  ;[a, b].forEach(f)`: the `;` ends the response, so the moved code touches it;
    // it goes on a line of its own before it.
    const glue = separator === '' ? getEol(source, target.start) + getLineIndent(source, target.start) : separator;
    return [
      { start: target.start, end: target.start, text: text + glue },
      { start: target.end, end: moved.end, text: '' },
    ];
  }

  const gapStart = afterTarget + 1;
  let chunkStart = gapStart;
  for (;;) {
    const nl = source.indexOf('\n', chunkStart);
    if (nl === -1 || nl >= moved.start || !isWhitespace(source.slice(chunkStart, nl).replace(/\r$/, ''))) break;
    chunkStart = nl + 1;
  }
  const chunkEnd = afterMoved === -1 ? source.length : afterMoved + 1;
  const chunk: Range = { start: chunkStart, end: chunkEnd };
  const targetIndent = getLineIndent(source, head);
  const movedIndent = getLineIndent(source, chunkStart);
  const reindent = targetIndent === movedIndent ? [] : getReindentEdits(source, chunk, movedIndent, targetIndent, request.protectedRanges ?? []);
  let text = getMovedText(source, chunk, [...reindent, ...editsInMoved]);
  // The moved code ends the file without a line break: it takes the target's line break instead.
  let cutStart = gapStart;
  if (afterMoved === -1) {
    text += getEol(source, target.start);
    cutStart = source[afterTarget - 1] === '\r' ? afterTarget - 1 : afterTarget;
  }
  return [
    { start: headLineStart, end: headLineStart, text: text + source.slice(gapStart, chunkStart) },
    { start: cutStart, end: chunkEnd, text: '' },
  ];
}

/**
 * Edits removing `statement`, which directly follows `previous`: its whole line when it is alone
 * on it, else the text from `previous`'s end. Null when comments are in the way (between the two,
 * or right after the statement), so no comment is lost.
 */
export function getStatementRemovalEdits(source: string, previous: Range, statement: Range): TextEdit[] | null {
  const start = statement.start;
  const end = statement.end;
  if (source.slice(previous.end, start).trim() !== '') return null;
  const nl = source.indexOf('\n', end);
  const rest = source.slice(end, nl === -1 ? source.length : nl).trim();
  if (rest.startsWith('//') || rest.startsWith('/*')) return null;
  const lineStart = getLineStart(source, start);
  if (rest === '' && source.slice(lineStart, start).trim() === '' && lineStart > previous.end && nl !== -1) {
    return [{ start: lineStart, end: nl + 1, text: '' }];
  }
  return [{ start: previous.end, end, text: '' }];
}
