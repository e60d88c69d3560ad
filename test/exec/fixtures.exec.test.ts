/**
 * Every fixture pair that can execute is run before and after its rewrite (the fixture folder's
 * transform, `all/` runs every transform) under every schedule, and the traces are compared.
 * Fixtures that cannot execute are listed with the reason. Known divergences are listed exactly,
 * with the reason, in two lists (caused by the rewrite; left as the original had them) and checked
 * both ways: a listed fixture that stops diverging fails too, so the lists shrink as the
 * transforms are fixed.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { checkRewrite, formatFailure, rewriteCase, type CheckResult } from './check';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..', '__testfixtures__');

/**
 * Fixture rewrites that diverge today because of the rewrite: fixture -> the rule of the first
 * divergence, and why the rewritten program is worse than the original.
 */
export const EXPECTED_DIVERGENCES: Readonly<Record<string, string>> = {
  'respond-last/express-route-made-async.mjs':
    'response-changed: Express 4 (reported by the express-route-made-async finding): the route becomes async and awaits the moved work; when it rejects, the rejection is unhandled and the process stops before responding, where the original had answered 204',
  'respond-last/no-semicolons.js':
    'response-changed: Express 4 (reported by the express-route-made-async finding): when the awaited `events.insert()` rejects, the process stops before responding, where the original had answered 202 "queued"',
  'respond-last/status-json-chain-multiline.ts':
    'response-changed: Express 4 (reported by the express-route-made-async finding): when the awaited `search.index()` rejects, the process stops before responding, where the original had answered 201',
  'respond-last/nested-callback-moved-not-awaited.js':
    'response-changed: the moved `console.log(text.length)` runs before the response; when the file is missing it throws first, so the 200 the original sent becomes a 500',
  'respond-last/node-http-server.cjs':
    'response-changed: the Node http listener becomes async and awaits `hits.increment()`; when it rejects, the rejection is unhandled and the process stops before responding, where the original had answered "hello"',
};

/**
 * Fixtures whose original already diverges against itself and whose rewrite leaves that as it
 * was (work left after the response, a hang): not caused by the rewrite, not fixed by it.
 */
export const NOT_FIXED: Readonly<Record<string, string>> = {
  'all/express-order-route.js':
    'work-after-response: `warehouse.notify(order)` and `mailer.send(...)` run after `res.json(201, order)` in the original; the rewrite leaves work the stand-ins start after the response',
  'await-then-send/false-negative-handler-from-object-member.js':
    'still-hangs: known false negative (a handler registered from an object member is not seen), nothing is rewritten or reported',
  'await-then-send/responded-before-return.js':
    'work-after-response: with await-then-send alone, `res.json(); return publish()` becomes `res.json(); await publish()`: the publish still settles after the response (respond-last moves it)',
  'await-then-send/return-after-try-catch-responding-on-every-path.js':
    'work-after-response: `cleanup()` after a try/catch that responds on every path stays after the response; the finding is on another line',
  'await-then-send/no-change-return-new-promise-that-responds-handed-off.js':
    'work-after-response: the storage write piped in the busboy file listener still settles after the finish listener responds; the finding names the return, not the pipe',
  'respond-last/false-negative-responds-on-some-paths.js':
    'work-after-response: known false negative (work after a response sent on some paths only)',
  'send-status/shadowed-and-other-objects-unchanged.js':
    'work-after-response: `other.send(200)` on an undeclared object is work to the world, left where it was (out of send-status\'s scope)',
  'send-status/end-kept-when-not-redundant.js':
    'work-after-response: `log(x)` after the response, out of send-status\'s scope',
  'end-handler/early-response-switch-case.js':
    'work-after-response: the original answers 405, then reads the profile (and throws ERR_HTTP_HEADERS_SENT); end-handler turns the `break` after the 405 into `return`, so that read no longer runs at all: dropped on purpose, not moved',
  'end-handler/local-helper-responds.js':
    'work-after-response: the original answers 400 through `sendError`, then reads the order (and answers twice); end-handler ends the handler after the 400, so that read no longer runs at all: dropped on purpose, not moved',
  'end-handler/false-negative-exported-handler-only-sets-headers.js':
    'still-hangs: known false negative (an exported function that uses its response without ever sending one is taken for a helper and left alone without a finding)',
  'end-handler/no-change-exported-helpers.ts':
    'still-hangs: exported helpers that take the response but leave responding to their caller (`setCorsHeaders(req, res)`, `requireAdmin(req, res)` returning a boolean) run as entry points here; end-handler leaves such functions alone without a finding',
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
  expect(executable).toBeGreaterThanOrEqual(140);
  for (const name of [...Object.keys(EXPECTED_DIVERGENCES), ...Object.keys(NOT_FIXED)]) expect(results.get(name)?.executable).toBe(true);
  const standIns = [...results.values()].flatMap((r) => (r.executable && r.opaque.length > 0 ? [`  ${r.name}: ${r.opaque.join(', ')}`] : []));
  console.log(`fixtures run with stand-ins for undeclared identifiers:\n${standIns.join('\n')}`);
});

describe.each(fixtures.map((f) => [f.name] as const))('%s', (name) => {
  test('rewrite keeps the relation (or is a listed divergence)', () => {
    const result = results.get(name)!;
    if (!result.executable) return;
    const first = result.failures[0];
    const expected = EXPECTED_DIVERGENCES[name] ?? NOT_FIXED[name];
    if (expected) {
      expect(first).toBeDefined();
      expect(`${first!.preexisting ? 'not fixed' : 'caused'} ${first!.divergence.rule}`).toBe(
        `${NOT_FIXED[name] ? 'not fixed' : 'caused'} ${expected.split(':')[0]}`,
      );
    } else {
      expect(reports.get(name) ?? '').toBe('');
    }
  });
});
