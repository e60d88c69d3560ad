/**
 * Where the fixture inputs are: every `<case>.input.<ext>` under a transform's folder, at any depth
 * (`pages/api/<case>` runs at that path, for the rules that read the path), in name order.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The input files under `dir`, at any depth, as paths relative to it (`a.input.js`, `pages/api/b.input.js`). */
export function findFixtureInputs(dir: string, prefix = ''): string[] {
  const inputs: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) inputs.push(...findFixtureInputs(dir, relative));
    else if (/\.input\.[a-z]+$/.test(entry.name)) inputs.push(relative);
  }
  return inputs;
}
