/** The key of a finding's site the baseline matches on: its text, whitespace collapsed, and a hash of it. */
import { getSiteText, hashSiteText } from '../../../cli/run/site-key';

describe('site text and hash', () => {
  test('the site text runs from line/column to endLine/endColumn, whitespace collapsed', () => {
    const text = 'a;\n  return   db\n    .doc(id);\nb;\n';
    expect(getSiteText(text, { line: 2, column: 3, endLine: 3, endColumn: 14 })).toBe('return db .doc(id);');
    expect(getSiteText(text.replace(/\n/g, '\r\n'), { line: 2, column: 3, endLine: 3, endColumn: 14 })).toBe('return db .doc(id);');
    expect(hashSiteText('return db .doc(id);')).toMatch(/^[0-9a-f]{16}$/);
    expect(hashSiteText('return db .doc(id);')).not.toBe(hashSiteText('return db .doc(other);'));
  });
});
