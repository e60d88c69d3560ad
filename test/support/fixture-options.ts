/**
 * A fixture's transform options live beside it: `<case>.options.json` next to
 * `<case>.input.<ext>`, holding what the command line would pass (`{ "platform": "server" }`,
 * `{ "respond": "res.status(204).end()" }`), as text: the harness parses them through the options'
 * declarations (`readTransformOptions`). A case without that file runs with the defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { TRANSFORM_OPTION_LIST, type RawTransformOptions } from '../../transforms/lib/options';

export type FixtureOptions = RawTransformOptions;

const KEYS = new Set<string>(TRANSFORM_OPTION_LIST.map((option) => option.name));

/** The options file of the fixture whose input is `inputPath`. */
export function getFixtureOptionsPath(inputPath: string): string {
  return inputPath.replace(/\.input\.[a-z]+$/, '.options.json');
}

/** The options of the fixture whose input is `inputPath`; throws on a key the harness does not know. */
export function readFixtureOptions(inputPath: string): FixtureOptions {
  const file = getFixtureOptionsPath(inputPath);
  if (!existsSync(file)) return {};
  const options = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) {
    if (!KEYS.has(key) || typeof value !== 'string') throw new Error(`${file}: unknown option ${key}`);
  }
  return options as FixtureOptions;
}
