/**
 * Every fixture pair that can execute is run before and after its rewrite (the fixture folder's
 * transform, `all/` runs every transform) under every schedule, and the traces are compared.
 * Fixtures that cannot execute are listed with the reason. Known divergences are listed exactly,
 * with the reason, and checked both ways: a listed fixture that stops diverging fails too, so the
 * list must shrink as the transforms are fixed.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { checkRewrite, formatFailure, rewriteCase, type CheckResult } from './check';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..', '__testfixtures__');

/** Fixture rewrites that diverge today: fixture -> the first divergence and why it is harmful. */
export const EXPECTED_DIVERGENCES: Readonly<Record<string, string>> = {
  'await-then-send/return-in-try-not-tail.js':
    'response-changed: `return p` inside `try` becomes `await p`, so a rejection the platform answered with 500 is now caught by the local catch, which falls through to 400 "nothing to do"',
  'await-then-send/responded-before-return.js':
    'work-after-response: with await-then-send alone, `res.json(); return publish()` becomes `res.json(); await publish()`: the publish still settles after the response (respond-last moves it)',
  'await-then-send/return-new-promise-that-responds-guarded.js':
    'work-after-response: the storage write piped in the busboy file listener still settles after the finish listener responds; the finding names the return, not the pipe',
  'await-then-send/false-negative-handler-from-object-member.js':
    'still-hangs: known false negative (a handler registered from an object member is not seen), nothing is rewritten or reported',
};

interface Fixture {
  name: string;
  file: string;
  transforms: string[] | undefined;
  respond: string | undefined;
}

function findFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const folder of readdirSync(ROOT).sort()) {
    for (const file of readdirSync(path.join(ROOT, folder)).sort()) {
      const match = /^(.*)\.input\.([a-z]+)$/.exec(file);
      if (!match) continue;
      fixtures.push({
        name: `${folder}/${match[1]}.${match[2]}`,
        file: path.join(ROOT, folder, file),
        transforms: folder === 'all' ? undefined : [folder],
        respond: /respond-option/.test(file) ? 'res.status(204).end()' : undefined,
      });
    }
  }
  return fixtures;
}

const fixtures = findFixtures();
const results = new Map<string, CheckResult>();
const reports = new Map<string, string>();

beforeAll(async () => {
  for (const f of fixtures) {
    const c = rewriteCase(f.name, readFileSync(f.file, 'utf8'), f.file, { transforms: f.transforms, respond: f.respond });
    const result = await checkRewrite(c);
    results.set(f.name, result);
    if (result.executable && result.failures[0]) reports.set(f.name, formatFailure(c, result.failures[0]));
  }
});

test('fixtures that cannot execute are listed with the reason', () => {
  const notExecutable = [...results.values()].filter((r): r is Extract<CheckResult, { executable: false }> => !r.executable);
  const executable = results.size - notExecutable.length;
  console.log(
    `${executable} of ${results.size} fixtures execute; not executable:\n${notExecutable.map((r) => `  ${r.name}: ${r.reason}`).join('\n')}`,
  );
  expect(executable).toBeGreaterThanOrEqual(90);
  for (const name of Object.keys(EXPECTED_DIVERGENCES)) expect(results.get(name)?.executable).toBe(true);
});

describe.each(fixtures.map((f) => [f.name] as const))('%s', (name) => {
  test('rewrite keeps the relation (or is a listed divergence)', () => {
    const result = results.get(name)!;
    if (!result.executable) return;
    const expected = EXPECTED_DIVERGENCES[name];
    if (expected) {
      expect(result.failures.length).toBeGreaterThan(0);
      expect(expected.startsWith(`${result.failures[0]!.divergence.rule}:`)).toBe(true);
    } else {
      expect(reports.get(name) ?? '').toBe('');
    }
  });
});
