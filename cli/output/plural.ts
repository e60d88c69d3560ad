/** `1 file`, `2 files`: a count and its noun, for every message the command line writes. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
