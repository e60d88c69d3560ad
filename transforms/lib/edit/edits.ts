/**
 * Text edits on the original source. Editing by ranges keeps every byte we did not mean to change
 * (quotes, semicolons, comments, tabs, CRLF, BOM) exactly as it was.
 */
import type { Site, TextEdit } from '../types';

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
 * Maps offsets in the edited text back to the original text. An offset inside inserted text maps
 * to the start of the replaced range.
 */
export function createOffsetMapper(edits: readonly TextEdit[]): (offset: number) => number {
  const sorted = dedupeEdits(edits);
  // For each edit: its start in the edited text and the length delta accumulated before it.
  const newStarts: number[] = [];
  const deltas: number[] = [];
  let delta = 0;
  for (const edit of sorted) {
    newStarts.push(edit.start + delta);
    deltas.push(delta);
    delta += edit.text.length - (edit.end - edit.start);
  }
  return (offset) => {
    let low = 0;
    let high = sorted.length - 1;
    let index = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (newStarts[mid]! <= offset) {
        index = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (index === -1) return offset;
    const edit = sorted[index]!;
    const newEnd = newStarts[index]! + edit.text.length;
    if (offset < newEnd) return edit.start;
    return offset - (deltas[index]! + edit.text.length - (edit.end - edit.start));
  };
}

/** One-off form of createOffsetMapper. */
export function mapOffsetBack(edits: readonly TextEdit[], offset: number): number {
  return createOffsetMapper(edits)(offset);
}
