/**
 * The key of a finding's site, which the baseline matches on: a hash of the source text the
 * finding covers (whitespace runs collapsed to one space), so it survives lines moving above or
 * below it and stops matching when the code it points at changes. The runner attaches it to every
 * finding (process-file.ts); the baseline (baseline.ts) compares it.
 */
import { createHash } from 'node:crypto';
import { LineIndex } from '../../transforms/lib/edit/text';
import type { Finding } from '../../transforms/lib/types';

/** Characters of the site text kept in an entry for a reader (the hash covers all of it). */
const SITE_PREVIEW = 80;

/**
 * The source text a finding covers, with every whitespace run collapsed to one space. `lines`:
 * the text's line index, built once per file by a caller with many findings.
 */
export function getSiteText(text: string, finding: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, lines = new LineIndex(text)): string {
  const start = getOffset(lines, finding.line, finding.column);
  const end = getOffset(lines, finding.endLine, finding.endColumn);
  return text.slice(start, Math.max(start, end)).replace(/\s+/g, ' ').trim();
}

/** Offset of a 1-based line and column (lines end at `\n`, as the parser counts them), at most the text's end. */
function getOffset(lines: LineIndex, line: number, column: number): number {
  const end = lines.source.length;
  if (line > lines.getPosition(end).line) return end;
  return Math.min(end, lines.getOffset(line, column));
}

export function hashSiteText(site: string): string {
  return createHash('sha256').update(site, 'utf8').digest('hex').slice(0, 16);
}

/** What the baseline needs of a finding: its site's hash and the start of its text. */
export interface SiteKey {
  hash: string;
  site: string;
}

export function getSiteKey(text: string, finding: Finding, lines = new LineIndex(text)): SiteKey {
  const site = getSiteText(text, finding, lines);
  return { hash: hashSiteText(site), site: site.length > SITE_PREVIEW ? `${site.slice(0, SITE_PREVIEW - 3)}...` : site };
}

/** A finding as the runner returns it: with the key of its site. */
export type KeyedFinding = Finding & Partial<SiteKey>;
