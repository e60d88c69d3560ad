/**
 * What the README quotes is what the program does: the `npm start` output under "Getting started",
 * the summary line under "Command line", the options, and the CI recipe's commands. Needs the build.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HELP, parseCliArgs } from '../cli/args';
import { BIN, ensureBuilt } from './cli/helpers';

// Each test runs the command line several times; a busy machine makes that slow.
jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

beforeAll(() => ensureBuilt());

/** The text of a section, from its heading to the next heading of the same or a higher level. */
function getSection(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`README has no "${heading}"`);
  const level = /^#+/.exec(heading)![0];
  const rest = README.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return next === -1 ? rest : rest.slice(0, next);
}

/** The code blocks of a section with this info string. */
function getCodeBlocks(section: string, info: string): string[] {
  return [...section.matchAll(new RegExp(`^\`\`\`${info}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
}

/** Durations vary from run to run: `(310ms)`, `(2.57s)`. */
const normaliseTime = (text: string) => text.replace(/\((\d+ms|\d+\.\d+s)\)/g, '(TIME)');

let examplesOutput = '';
beforeAll(() => {
  const result = spawnSync(process.execPath, [BIN, 'examples'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  expect(result.status).toBe(0);
  examplesOutput = normaliseTime(result.stdout);
});

test('"Getting started" quotes exactly what `node dist/cli/main.js examples` prints (only the timing may differ)', () => {
  const [quoted] = getCodeBlocks(getSection('## Getting started'), 'diff');
  expect(quoted).toBeDefined();
  // `...` stands for lines left out: every other part appears in order, and the last part ends the output.
  const parts = normaliseTime(quoted!).split(/^\.\.\.\n/m);
  expect(parts.length).toBeGreaterThan(1);
  let from = 0;
  for (const part of parts) {
    const at = examplesOutput.indexOf(part, from);
    expect({ part, found: at !== -1 }).toEqual({ part, found: true });
    from = at + part.length;
  }
  expect(examplesOutput.endsWith(parts[parts.length - 1]!)).toBe(true);
  // The summary line and the closing line are quoted whole.
  expect(parts[parts.length - 1]).toMatch(/^\d+ files scanned: .*\(TIME\)\nDry run: nothing was written\. .*\n$/m);
});

test('the summary line under "Command line" is the one the examples give', () => {
  const [summary] = getCodeBlocks(getSection('## Command line'), 'text');
  const actual = examplesOutput.split('\n').find((line) => / files? scanned: /.test(line));
  expect(normaliseTime(summary!)).toBe(`${actual}\n`);
});

test('every option of --help is documented under "Command line" (or in a section of its own)', () => {
  const section = getSection('## Command line') + [...README.matchAll(/^#+ .*$/gm)].map((m) => m[0]).join('\n');
  const options = [...new Set([...HELP.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map((m) => m[1]!))];
  expect(options.length).toBeGreaterThan(20);
  expect(options.filter((option) => !section.includes(`\`${option}`) && !section.includes(` ${option}`))).toEqual([]);
});

test('the CI recipe runs commands sendlast accepts, and uploads the SARIF file it writes', () => {
  const [workflow] = getCodeBlocks(getSection('## In CI'), 'yaml');
  const commands = [...workflow!.matchAll(/^\s*- run: sendlast (.*)$/gm)].map((m) => m[1]!.split(/\s+/));
  expect(commands.length).toBeGreaterThanOrEqual(2);
  for (const argv of commands) expect(parseCliArgs(argv)).toMatchObject({ kind: 'run' });
  const check = parseCliArgs(commands[0]!);
  expect(check).toMatchObject({ kind: 'run', options: { mode: 'check', format: 'github' } });
  const sarif = parseCliArgs(commands[1]!);
  expect(sarif).toMatchObject({ kind: 'run', options: { format: 'sarif', outputFile: 'sendlast.sarif' } });
  expect(workflow).toContain('uses: github/codeql-action/upload-sarif@');
  expect(workflow).toContain('sarif_file: sendlast.sarif');
});
