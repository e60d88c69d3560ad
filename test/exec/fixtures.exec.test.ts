/**
 * Every fixture pair that can execute is run before and after its rewrite (the fixture folder's
 * transform, `all/` runs every transform) under every schedule, and the traces are compared.
 * Fixtures that cannot execute are listed with the reason. Known divergences are listed exactly,
 * with the reason, in two lists (caused by the rewrite; left as the original had them) and checked
 * both ways: a listed fixture that stops diverging fails too, so the lists shrink as the
 * transforms are fixed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createModuleLoader, TRANSFORM_NAMES, type RawTransformOptions } from '../../transforms';
import { findReportedKinds, matchesRule } from './rules';
import { checkRewrite, formatFailure, rewriteCase, type CheckResult } from './check';
import { readFixtureOptions } from '../support/fixture-options';
import { findFixtureInputs } from '../support/fixture-inputs';

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
  'await-floating/node-http-server-floating.js':
    'response-changed: the Node http listener awaits `db.collection(\'hits\').add(...)`, which floated before (reported by the rejection-not-caught finding); when it rejects, the rejection is unhandled and the process stops before responding, where the original had answered 200 "ok"',
  'respond-last/platform-server-exported-app-listens.ts':
    "response-changed: Express 4, not reported: the route was async already, so no express-route-made-async finding; the moved `db.collection('events').add()` is awaited before the response, and when it rejects the rejection is unhandled and the process stops before responding, where the original had answered 202",
  'respond-last/node-http-server.cjs':
    'response-changed: the Node http listener becomes async and awaits `hits.increment()`; when it rejects, the rejection is unhandled and the process stops before responding, where the original had answered "hello"',
};

/**
 * Fixtures whose original already diverges against itself and whose rewrite leaves that as it
 * was (work left after the response, a hang): not caused by the rewrite, not fixed by it.
 */
export const NOT_FIXED: Readonly<Record<string, string>> = {
  'await-floating/no-change-upload-listener-owns-response.js':
    'work-after-response: the file stream piped in the busboy `file` listener settles after the `finish` listener responds; the finish listener owns the response, so nothing is awaited',
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
  'respond-last/false-negative-responds-on-some-paths.js': 'work-after-response: known false negative (work after a response sent on some paths only)',
  'send-status/shadowed-and-other-objects-unchanged.js':
    "work-after-response: `other.send(200)` on an undeclared object is work to the world, left where it was (out of send-status's scope)",
  'await-then-send/no-change-exported-second-param-not-response.js':
    'still-hangs: `countRows(sql, response)` is run as an HTTP entry (its second parameter is named like a response) but its `response` is a query result: it never responds, before and after (nothing is rewritten)',
  'await-then-send/no-change-exported-helper-second-param-response-string.js':
    "still-hangs: `onAccessTokenTrigger(storeId, response)` is run as an HTTP entry (its second parameter is named like a response) but it is a helper whose `response` is a provider's body: it never responds, before and after (nothing is rewritten)",
  'respond-last/shadowed-res-unchanged.js':
    "work-after-response: the `request.get` callback (whose own `res` shadows the response) runs after `res.send('queued')` and throws there, before and after (nothing is rewritten)",
  'send-status/end-kept-when-not-redundant.js': "work-after-response: `log(x)` after the response, out of send-status's scope",
  'end-handler/early-response-switch-case.js':
    'work-after-response: the original answers 405, then reads the profile (and throws ERR_HTTP_HEADERS_SENT); end-handler turns the `break` after the 405 into `return`, so that read no longer runs at all: dropped on purpose, not moved',
  'end-handler/local-helper-responds.js':
    'work-after-response: the original answers 400 through `sendError`, then reads the order (and answers twice); end-handler ends the handler after the 400, so that read no longer runs at all: dropped on purpose, not moved',
  'end-handler/false-negative-exported-handler-only-sets-headers.js':
    'still-hangs: known false negative (an exported function that uses its response without ever sending one is taken for a helper and left alone without a finding)',
  'end-handler/no-change-next-from-upload-listener.js':
    "work-after-response: the harness's busboy stand-in settles the uploaded file's stream after its `finish` listener has called `next()` (which ends the request in the harness), in the original as in the output (nothing is rewritten)",
  'end-handler/no-change-exported-helpers.ts':
    'still-hangs: exported helpers that take the response but leave responding to their caller (`setCorsHeaders(req, res)`, `requireAdmin(req, res)` returning a boolean) run as entry points here; end-handler leaves such functions alone without a finding',
  'await-floating/no-change-response-sent-eagerly.js':
    'work-after-response: `.then(res.status(200).send(...))` sends the response as the chain is built, so `auth.createUser` settles after it, before and after (the handlers are left for a person to fix; respond-last reports them)',
  'await-then-send/no-change-returned-chain-responds-eagerly.js':
    'work-after-response: the response given to `.then` as a call is sent before `Invoice.update` settles, before and after (left alone; respond-last reports it)',
};

const NO_ENTRY = 'no HTTP entry point (registration or exported (req, res) function)';

/**
 * Fixtures that cannot execute, exactly, with the reason the harness gives. Checked both ways: a
 * fixture that starts to execute must be removed from the list, and a new fixture that cannot
 * must be added with its reason. The groups: background triggers and callable functions only (no
 * HTTP request to send); exports that are not `(req, res)` handlers; the response handed to code
 * the world cannot know (a stand-in); a framework the world does not model.
 */
export const NOT_EXECUTABLE: Readonly<Record<string, string>> = {
  'await-floating/no-change-background-functions.js': NO_ENTRY,
  'end-handler/no-change-background-functions.js': NO_ENTRY,
  // Background triggers and callable functions only: there is no HTTP request to send.
  'await-then-send/no-change-background-cloudevent.cjs': NO_ENTRY,
  'await-then-send/no-change-background-data-context.js': NO_ENTRY,
  'await-then-send/no-change-background-event-context-callback.js': NO_ENTRY,
  'await-then-send/no-change-background-firestore.ts': NO_ENTRY,
  'await-then-send/no-change-background-pubsub.js': NO_ENTRY,
  'await-then-send/no-change-background-scheduler.ts': NO_ENTRY,
  'await-then-send/no-change-background-storage.mjs': NO_ENTRY,
  'await-then-send/no-change-oncall-streaming.ts': NO_ENTRY,
  'await-then-send/no-change-oncall-v2.ts': NO_ENTRY,
  'await-then-send/no-change-oncall.js': NO_ENTRY,
  'respond-last/background-functions-unchanged.js': NO_ENTRY,
  'send-status/background-function-unchanged.js': NO_ENTRY,
  // Exports that are not `(req, res)` handlers, or an app or handler made by code the world cannot know.
  'await-then-send/no-change-axios-get.mjs': NO_ENTRY,
  'await-then-send/no-change-destructured-or-missing-params.js': NO_ENTRY,
  'await-then-send/no-change-exported-factory-returns-function.js': NO_ENTRY,
  'await-then-send/no-change-exported-second-param-used-like-response-but-not-named.js': NO_ENTRY,
  'await-then-send/false-negative-express-app-from-factory.js': NO_ENTRY,
  'await-then-send/no-change-local-onrequest-wrapper.js': NO_ENTRY,
  // The response is handed to a stand-in: what it does with it is unknown.
  'await-then-send/express-handler-array.js':
    'the response is handed to ./auth.requireAuth, from a local module that is not beside the program (a stand-in the world cannot know)',
  'await-then-send/no-change-async-helper-takes-response.js':
    'the response is handed to ./thumbnails.sendThumbnail, from a local module that is not beside the program (a stand-in the world cannot know)',
  'await-then-send/no-change-node-http-hand-off.js':
    'the response is handed to ./static.serveStatic, from a local module that is not beside the program (a stand-in the world cannot know)',
  'await-then-send/no-change-return-helper-req-res.js':
    'the response is handed to ./upload.handleUpload, from a local module that is not beside the program (a stand-in the world cannot know)',
  'respond-last/false-negative-response-helper.js': 'the response is handed to sendJson, an undeclared identifier the world cannot know',
  'respond-last/generated-callback-returns-hand-off.js': 'the response is handed to helper, an undeclared identifier the world cannot know',
  // Frameworks the world does not model (their routes are not Express routes).
  'await-then-send/no-change-fastify-route.mjs':
    'the compiled module does not run as CommonJS: await is only valid in async functions and the top level bodies of modules',
  'await-then-send/no-change-route-on-non-express-app.js': 'module "restify" is not part of the world',
};

interface Fixture {
  name: string;
  file: string;
  transforms: string[] | undefined;
  options: RawTransformOptions;
}

/** Every fixture, with the options in its `<case>.options.json` (as test/fixtures.test.ts runs it). */
function findFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const folder of readdirSync(ROOT).sort()) {
    for (const file of findFixtureInputs(path.join(ROOT, folder))) {
      const match = /^(.*)\.input\.([a-z]+)$/.exec(file)!;
      fixtures.push({
        name: `${folder}/${match[1]}.${match[2]}`,
        file: path.join(ROOT, folder, file),
        transforms: folder === 'all' ? undefined : [folder],
        options: readFixtureOptions(path.join(ROOT, folder, file)),
      });
    }
  }
  return fixtures;
}

const fixtures = findFixtures();
// The fixture tests follow local imports (test/fixtures.test.ts): so does the rewrite run here.
const modules = createModuleLoader();
const results = new Map<string, CheckResult>();
const reports = new Map<string, string>();
const rewritten = new Map<string, string>();
const rules = new Map<string, readonly string[]>();

beforeAll(async () => {
  for (const f of fixtures) {
    const c = rewriteCase(f.name, readFileSync(f.file, 'utf8'), f.file, { transforms: f.transforms, options: f.options, modules });
    rewritten.set(f.name, c.rewritten.source);
    rules.set(f.name, c.rules);
    const result = await checkRewrite(c);
    results.set(f.name, result);
    if (result.executable && result.failures[0]) reports.set(f.name, formatFailure(c, result.failures[0]));
  }
});

test('fixtures that cannot execute are listed with the reason', () => {
  const notExecutable = [...results.values()].filter((r): r is Extract<CheckResult, { executable: false }> => !r.executable);
  const executable = results.size - notExecutable.length;
  console.log(`${executable} of ${results.size} fixtures execute; not executable:\n${notExecutable.map((r) => `  ${r.name}: ${r.reason}`).join('\n')}`);
  expect(Object.fromEntries(notExecutable.map((r) => [r.name, r.reason]))).toEqual(NOT_EXECUTABLE);
  for (const name of [...Object.keys(EXPECTED_DIVERGENCES), ...Object.keys(NOT_FIXED)]) expect(results.get(name)?.executable).toBe(true);
  const standIns = [...results.values()].flatMap((r) => (r.executable && r.opaque.length > 0 ? [`  ${r.name}: ${r.opaque.join(', ')}`] : []));
  console.log(`fixtures run with stand-ins (undeclared identifiers, local modules not beside them):\n${standIns.join('\n')}`);
});

test("the rewrite executed is the fixture's expected output", () => {
  const differing = fixtures.filter((f) => rewritten.get(f.name) !== readFileSync(f.file.replace('.input.', '.output.'), 'utf8')).map((f) => f.name);
  expect(differing).toEqual([]);
});

/**
 * Every rule a transform exercises in the fixtures (a finding's rule id, or a rewrite form: see
 * `rewriteForm` in check.ts) has at least one fixture that executes, and every registered
 * transform exercises at least one rule. The rules are read from the transforms' results on the
 * fixtures, not from a list kept here, so a new transform or a new kind of finding is covered as
 * soon as a fixture shows it. `-t rules` prints the table.
 */
test('every rule of every transform has a fixture that executes', () => {
  const table = new Map<string, { executable: string[]; not: string[] }>();
  for (const f of fixtures) {
    for (const rule of rules.get(f.name) ?? []) {
      const row = table.get(rule) ?? { executable: [], not: [] };
      (results.get(f.name)?.executable ? row.executable : row.not).push(f.name);
      table.set(rule, row);
    }
  }
  const sorted = [...table].sort(([a], [b]) => a.localeCompare(b));
  console.log(
    `rules -> fixtures that execute (${sorted.length} rules):\n${sorted
      .map(
        ([rule, row]) =>
          `  ${rule}: ${row.executable.length} (${row.executable.slice(0, 3).join(', ')}${row.executable.length > 3 ? ', ...' : ''})${row.not.length ? `; not executable: ${row.not.join(', ')}` : ''}`,
      )
      .join('\n')}`,
  );
  const uncovered = sorted.filter(([, row]) => row.executable.length === 0).map(([rule, row]) => `${rule} (only in ${row.not.join(', ')})`);
  expect(uncovered).toEqual([]);
  const silent = TRANSFORM_NAMES.filter((name) => !sorted.some(([rule]) => rule.startsWith(`${name}/`)));
  expect(silent).toEqual([]);
  // A finding kind written in a transform's source that no fixture shows at all (read from the
  // text of transforms/<name>/index.ts: see rules.ts).
  const written = TRANSFORM_NAMES.flatMap((name) => {
    const file = path.join(__dirname, '..', '..', 'transforms', name, 'index.ts');
    return existsSync(file) ? findReportedKinds(readFileSync(file, 'utf8'), file).map((kind) => `${name}/${kind}`) : [];
  });
  const unshown = written.filter((pattern) => !sorted.some(([rule, row]) => row.executable.length > 0 && matchesRule(rule, pattern)));
  expect(unshown).toEqual([]);
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
