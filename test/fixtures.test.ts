/**
 * Every fixture pair under __testfixtures__/<transform>/ runs through `applyTransforms` (the CLI's
 * entry point) with only that transform (`all/` runs every transform). Checks exact bytes, that
 * the output parses with the parser the extension picks, that a second run changes nothing, that
 * the findings match `<case>.findings.json` when present, and that the text pre-check would not
 * have skipped the file.
 *
 * Options come from `<case>.options.json` beside the case (`{ "platform": "server" }`), as the command
 * line would pass them; a case without one runs with the defaults. A fixture in a subfolder (`pages/api/<case>`) runs at
 * that path, for the rules that read the path (Next.js API routes).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { applyTransforms, createModuleLoader, mightContainHandler, readTransformOptions, TRANSFORM_NAMES, getParserForPath } from '../transforms';
import { parseSource } from '../transforms/lib/parse';
import { getFixtureOptionsPath, readFixtureOptions } from './support/fixture-options';
import { findFixtureInputs } from './support/fixture-inputs';

const ROOT = path.join(__dirname, '..', '__testfixtures__');

interface Case {
  transform: string;
  name: string;
  input: string;
  output: string;
  findings: string | null;
}

function findCases(): Case[] {
  const cases: Case[] = [];
  for (const transform of readdirSync(ROOT).sort()) {
    const dir = path.join(ROOT, transform);
    for (const file of findFixtureInputs(dir)) {
      const [, name, ext] = /^(.*)\.input\.([a-z]+)$/.exec(file)!;
      const output = path.join(dir, `${name}.output.${ext}`);
      const findings = path.join(dir, `${name}.findings.json`);
      cases.push({
        transform,
        name: `${name}.${ext}`,
        input: path.join(dir, file),
        output,
        findings: existsSync(findings) ? findings : null,
      });
    }
  }
  return cases;
}

const cases = findCases();

test('every options file belongs to a fixture and names only known options', () => {
  const optionFiles = readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.options.json'));
  const owned = new Set(cases.map((c) => path.relative(ROOT, getFixtureOptionsPath(c.input))));
  expect(optionFiles.filter((f) => !owned.has(f))).toEqual([]);
  for (const c of cases) expect(() => readFixtureOptions(c.input)).not.toThrow();
});

test('fixture folders are named after transforms', () => {
  const folders = new Set(cases.map((c) => c.transform));
  for (const folder of folders) expect([...TRANSFORM_NAMES, 'all']).toContain(folder);
  for (const name of TRANSFORM_NAMES) expect(folders).toContain(name);
});

describe.each(TRANSFORM_NAMES.concat('all'))('%s', (transform) => {
  const own = cases.filter((c) => c.transform === transform);
  if (own.length === 0) return;
  test.each(own.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const input = readFileSync(c.input, 'utf8');
    expect(existsSync(c.output)).toBe(true);
    const expected = readFileSync(c.output, 'utf8');
    const transforms = c.transform === 'all' ? undefined : [c.transform];
    const transformOptions = readTransformOptions(readFixtureOptions(c.input));
    // Fixtures may import helpers from files beside them (`./lib/respond`), as the CLI follows them.
    const modules = createModuleLoader();
    const result = applyTransforms(input, { path: c.input, transforms, transformOptions, modules });

    expect(result.output).toBe(expected);
    expect(result.changed).toBe(input !== expected);
    parseSource(result.output, getParserForPath(c.input));

    const again = applyTransforms(result.output, { path: c.input, transforms, transformOptions, modules });
    expect(again.output).toBe(result.output);

    if (c.findings) {
      const want = JSON.parse(readFileSync(c.findings, 'utf8')) as unknown;
      expect(result.findings.map((f) => ({ transform: f.transform, line: f.line, column: f.column }))).toEqual(want);
    }
    if (result.changed || result.findings.length > 0) expect(mightContainHandler(input)).toBe(true);
  });
});
