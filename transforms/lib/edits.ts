/**
 * Text edits on the original source. Editing by ranges keeps every byte we did not mean to change
 * (quotes, semicolons, comments, tabs, CRLF, BOM) exactly as it was.
 */
import type { Site, TextEdit } from './types';

/** Apply edits to `source`. Identical edits are applied once; overlapping different edits are a bug. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = dedupeEdits(edits);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) {
      throw new Error(`overlapping edits at offset ${edit.start}`);
    }
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.slice(cursor);
}

/** Sorted by position, identical edits merged. Insertions at one offset keep their given order. */
export function dedupeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  const unique: TextEdit[] = [];
  for (const edit of edits) {
    const key = `${edit.start}:${edit.end}:${edit.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(edit);
  }
  return unique
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
    .map((entry) => entry.edit);
}

/** All edits of the given sites. */
export function getSiteEdits(sites: readonly Site[]): TextEdit[] {
  return sites.flatMap((site) => site.edits);
}

/**
 * Maps an offset in the edited text back to the original text. An offset inside inserted text maps
 * to the start of the replaced range.
 */
export function mapOffsetBack(edits: readonly TextEdit[], offset: number): number {
  let delta = 0;
  for (const edit of dedupeEdits(edits)) {
    const newStart = edit.start + delta;
    const newEnd = newStart + edit.text.length;
    if (offset < newStart) break;
    if (offset < newEnd) return edit.start;
    delta += edit.text.length - (edit.end - edit.start);
  }
  return offset - delta;
}
