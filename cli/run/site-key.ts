/**
 * The key of a finding's site, which the baseline matches on: a hash of the source text the
 * finding covers (whitespace runs collapsed to one space), so it survives lines moving above or
 * below it and stops matching when the code it points at changes. The runner attaches it to every
 * finding (process-file.ts); the baseline (baseline.ts) compares it.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../transforms/lib/types';

/** Characters of the site text kept in an entry for a reader (the hash covers all of it). */
const SITE_PREVIEW = 80;

/** The source text a finding covers, with every whitespace run collapsed to one space. */
export function getSiteText(text: string, finding: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): string {
  const start = getOffset(text, finding.line, finding.column);
  const end = getOffset(text, finding.endLine, finding.endColumn);
  return text.slice(start, Math.max(start, end)).replace(/\s+/g, ' ').trim();
}

/** Offset of a 1-based line and column (lines end at `\n`, as the parser counts them). */
function getOffset(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

export function hashSiteText(site: string): string {
  return createHash('sha256').update(site, 'utf8').digest('hex').slice(0, 16);
}

/** What the baseline needs of a finding: its site's hash and the start of its text. */
export interface SiteKey {
  hash: string;
  site: string;
}

export function getSiteKey(text: string, finding: Finding): SiteKey {
  const site = getSiteText(text, finding);
  return { hash: hashSiteText(site), site: site.length > SITE_PREVIEW ? `${site.slice(0, SITE_PREVIEW - 3)}...` : site };
}

/** A finding as the runner returns it: with the key of its site. */
export type KeyedFinding = Finding & Partial<SiteKey>;
