/**
 * The harness must catch the harmful rewrites that static checks let through: each case gives an
 * original and the text an unsafe rule would produce, and the harness must report a divergence.
 * Correct rewrites of the same programs must pass. Also pins the platform behaviour the relation
 * depends on (what each platform does with a rejected handler).
 */
import { applyTransforms } from '../../transforms';
import { checkRewrite, formatFailure, rewriteCase, type RewriteCase } from './check';
import { findTargets, NotExecutableError, runOnce, type ProgramRun } from './run';
import { inOrder, rejecting } from './scheduler';

jest.setTimeout(60_000);

function pair(name: string, path: string, original: string, rewritten: string): RewriteCase {
  return { name, original: { source: original, path }, rewritten: { source: rewritten, path }, findings: [], rules: [] };
}

async function rulesOf(c: RewriteCase): Promise<string[]> {
  const result = await checkRewrite(c);
  if (!result.executable) throw new Error(`${c.name} is not executable: ${result.reason}`);
  return [...new Set(result.failures.flatMap((f) => f.all.map((d) => d.rule)))].sort();
}

async function expectPasses(c: RewriteCase): Promise<void> {
  const result = await checkRewrite(c);
  if (!result.executable) throw new Error(`${c.name} is not executable: ${result.reason}`);
  const report = result.failures.map((f) => formatFailure(c, f)).join('\n\n');
  expect(report).toBe('');
  expect(result.runs).toBeGreaterThan(0);
}

const REJECT_AFTER_500 = `const functions = require('firebase-functions');
const admin = require('firebase-admin');

admin.initializeApp();

exports.saveOrder = functions.https.onRequest(async (req, res) => {
  try {
    await admin.firestore().doc(\`orders/\${req.body.id}\`).set(req.body);
    res.status(201).send('saved');
  } catch (err) {
    const msg = \`could not save order \${req.body.id}\`;
    res.status(500).send(msg);
    return Promise.reject(err);
  }
});
`;

describe('harmful rewrites are reported', () => {
  test('a rejection moved before the 500 it follows: the 500 is never sent', async () => {
    const harmful = REJECT_AFTER_500.replace(
      '    res.status(500).send(msg);\n    return Promise.reject(err);',
      '    await Promise.reject(err);\n    res.status(500).send(msg);',
    );
    expect(harmful).not.toBe(REJECT_AFTER_500);
    expect(await rulesOf(pair('reject-before-500', 'functions/index.js', REJECT_AFTER_500, harmful))).toContain('response-changed');
  });

  const DIALOGFLOW = `const functions = require('firebase-functions');
const admin = require('firebase-admin');
const { WebhookClient } = require('dialogflow-fulfillment');

admin.initializeApp();

exports.fulfillment = functions.https.onRequest((request, response) => {
  const agent = new WebhookClient({ request, response });

  function book(agent) {
    return admin
      .firestore()
      .collection('bookings')
      .add({ guests: agent.parameters.guests || 2 })
      .then(() => agent.add('Your table is booked.'));
  }

  const intentMap = new Map();
  intentMap.set('Book a table', book);
  return agent.handleRequest(intentMap);
});
`;

  test('a default 200 after a WebhookClient built with { request, response } that responds', async () => {
    const harmful = DIALOGFLOW.replace('((request, response) =>', '(async (request, response) =>').replace(
      '  return agent.handleRequest(intentMap);',
      '  await agent.handleRequest(intentMap);\n  response.sendStatus(200);',
    );
    expect(await rulesOf(pair('webhook-client-default-200', 'functions/index.js', DIALOGFLOW, harmful))).toContain('second-response');
  });

  const PIPE = `const functions = require('@google-cloud/functions-framework');
const { Storage } = require('@google-cloud/storage');

const reports = new Storage().bucket('reports');

functions.http('downloadReport', (req, res) => {
  res.set('Content-Type', 'text/csv');
  return reports.file(\`\${req.query.month}.csv\`).createReadStream().pipe(res);
});
`;

  test('a default 200 after stream.pipe(res)', async () => {
    const harmful = PIPE.replace("('downloadReport', (req", "('downloadReport', async (req").replace(
      '  return reports.file(`${req.query.month}.csv`).createReadStream().pipe(res);',
      '  await reports.file(`${req.query.month}.csv`).createReadStream().pipe(res);\n  res.sendStatus(200);',
    );
    const rules = await rulesOf(pair('pipe-default-200', 'index.js', PIPE, harmful));
    expect(rules).toEqual(expect.arrayContaining(['response-changed', 'second-response']));
  });

  const CLEANUP = `const functions = require('@google-cloud/functions-framework');
const fs = require('fs');
const os = require('os');
const path = require('path');

functions.http('exportInvoice', async (req, res) => {
  const file = path.join(os.tmpdir(), \`invoice-\${req.body.id}.txt\`);
  fs.writeFileSync(file, \`Invoice \${req.body.id}: 42 EUR\`);
  res.send(fs.readFileSync(file));
  await fs.promises.unlink(file);
});
`;

  test('file cleanup moved before the response that reads the file', async () => {
    const harmful = CLEANUP.replace(
      '  res.send(fs.readFileSync(file));\n  await fs.promises.unlink(file);',
      '  await fs.promises.unlink(file);\n  res.send(fs.readFileSync(file));',
    );
    expect(harmful).not.toBe(CLEANUP);
    expect(await rulesOf(pair('unlink-before-read', 'index.js', CLEANUP, harmful))).toContain('response-changed');
  });

  const BUSBOY = `const functions = require('firebase-functions');
const Busboy = require('busboy');
const fs = require('fs');
const os = require('os');
const path = require('path');

exports.upload = functions.https.onRequest((req, res) => {
  const busboy = Busboy({ headers: req.headers });
  const written = [];
  busboy.on('file', (field, file, info) => {
    const target = path.join(os.tmpdir(), info.filename);
    const out = fs.createWriteStream(target);
    file.pipe(out);
    written.push(target);
  });
  busboy.on('finish', () => {
    res.status(201).json({ files: written });
  });
  busboy.end(req.rawBody);
});
`;

  test("a guarded 200 that fires before busboy's finish listener responds", async () => {
    const harmful = BUSBOY.replace('  busboy.end(req.rawBody);\n', '  busboy.end(req.rawBody);\n  if (!res.headersSent) res.sendStatus(200);\n');
    expect(await rulesOf(pair('busboy-guarded-200', 'index.js', BUSBOY, harmful))).toEqual(expect.arrayContaining(['response-changed']));
  });

  test('awaiting the callback form of publishMessage (it returns nothing) does not wait for it', async () => {
    const original = `const functions = require('firebase-functions');
const { PubSub } = require('@google-cloud/pubsub');
const pubsub = new PubSub();
exports.notify = functions.https.onRequest((req, res) => {
  res.status(202).send('queued');
  pubsub.topic('mail').publishMessage({ json: req.body }, (err) => { if (err) console.error(err); });
});
`;
    const awaitedVoid = original
      .replace('((req, res) =>', '(async (req, res) =>')
      .replace(
        "  res.status(202).send('queued');\n  pubsub.topic('mail').publishMessage({ json: req.body }, (err) => { if (err) console.error(err); });",
        "  await pubsub.topic('mail').publishMessage({ json: req.body }, (err) => { if (err) console.error(err); });\n  res.status(202).send('queued');",
      );
    expect(awaitedVoid).toContain('await pubsub');
    expect(await rulesOf(pair('await-callback-form', 'index.js', original, awaitedVoid))).toEqual(['work-after-response']);
  });

  test('work left after the response by a rewrite is reported', async () => {
    const original = `const functions = require('firebase-functions');
const admin = require('firebase-admin');
exports.track = functions.https.onRequest((req, res) => {
  res.send('ok');
  admin.firestore().collection('visits').add({ path: req.path });
});
`;
    const unchangedButAsync = original.replace('((req, res) =>', '(async (req, res) =>');
    expect(await rulesOf(pair('work-still-after', 'index.js', original, unchangedButAsync))).toEqual(['work-after-response']);
  });

  test('a handler that still hangs is reported', async () => {
    const original = `const ff = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');
const db = new Firestore();
ff.http('save', (req, res) => {
  return db.doc('items/1').set(req.body);
});
`;
    const stillHangs = original.replace('  return db', '  db');
    expect(await rulesOf(pair('still-hangs', 'index.js', original, stillHangs))).toEqual(['still-hangs']);
  });

  test('a default response added after a path that already responded is reported (end-handler guards it)', async () => {
    const original = `const ff = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');
const db = new Firestore();
ff.http('rates', async (req, res) => {
  if (req.method === 'POST') res.json({ cached: true });
  await db.doc('rates/EUR').set({ at: 1 });
});
`;
    const unguarded = original.replace('set({ at: 1 });\n', 'set({ at: 1 });\n  res.sendStatus(200);\n');
    expect(await rulesOf(pair('unguarded-default', 'index.js', original, unguarded))).toContain('second-response');
    // The rewrite guards it: what remains is the original's own work after its early response.
    const guarded = rewriteCase('guarded-default', original, 'index.js', { transforms: ['end-handler'] });
    expect(guarded.rewritten.source).toContain('if (!res.headersSent) res.sendStatus(200);');
    const result = await checkRewrite(guarded);
    expect(result.executable && result.failures.every((f) => f.preexisting)).toBe(true);
    expect(await rulesOf(guarded)).not.toContain('second-response');
  });

  test('an error answer turned into success is reported', async () => {
    const original = `const ff = require('@google-cloud/functions-framework');
const { Firestore } = require('@google-cloud/firestore');
const db = new Firestore();
ff.http('save', async (req, res) => {
  await db.doc('items/1').set(req.body);
  res.send('saved');
});
`;
    const swallowed = original.replace("  await db.doc('items/1').set(req.body);", "  await db.doc('items/1').set(req.body).catch(() => null);");
    expect(await rulesOf(pair('error-to-success', 'index.js', original, swallowed))).toEqual(
      expect.arrayContaining(['error-became-success', 'response-changed']),
    );
  });
});

describe('correct rewrites pass', () => {
  test.each([
    [
      'firebase v1',
      'index.js',
      `const functions = require('firebase-functions');\nconst admin = require('firebase-admin');\nadmin.initializeApp();\nconst db = admin.firestore();\nexports.save = functions.https.onRequest((req, res) => {\n  return db.doc(req.query.id).set(req.body);\n});\n`,
    ],
    [
      'firebase v2',
      'index.ts',
      `import { onRequest } from 'firebase-functions/v2/https';\nimport { getFirestore } from 'firebase-admin/firestore';\nexport const save = onRequest((req, res) => {\n  return getFirestore().doc(\`items/\${req.query.id}\`).set(req.body);\n});\n`,
    ],
    [
      'functions framework',
      'index.mjs',
      `import * as ff from '@google-cloud/functions-framework';\nimport { PubSub } from '@google-cloud/pubsub';\nconst topic = new PubSub().topic('events');\nff.http('publish', (req, res) => {\n  return topic.publishMessage({ json: req.body });\n});\n`,
    ],
    [
      'express',
      'app.js',
      `const express = require('express');\nconst admin = require('firebase-admin');\nconst app = express();\napp.post('/items/:id', (req, res) => {\n  return admin.database().ref(\`items/\${req.params.id}\`).set(req.body);\n});\nmodule.exports = app;\n`,
    ],
    [
      'respond-last',
      'index.js',
      `const functions = require('firebase-functions');\nconst admin = require('firebase-admin');\nexports.track = functions.https.onRequest((req, res) => {\n  res.send('ok');\n  admin.firestore().collection('visits').add({ path: req.path });\n  admin.database().ref('visits').push({ at: Date.now() });\n});\n`,
    ],
    [
      'end-handler: a forgotten response',
      'index.js',
      `const functions = require('firebase-functions');\nconst admin = require('firebase-admin');\nadmin.initializeApp();\nexports.save = functions.https.onRequest(async (req, res) => {\n  await admin.firestore().doc(\`items/\${req.body.id}\`).set(req.body);\n});\n`,
    ],
    [
      'end-handler: node http',
      'server.js',
      `const http = require('http');\nconst fs = require('fs');\nhttp.createServer(async (req, res) => {\n  await fs.promises.appendFile('/tmp/requests.log', req.url);\n}).listen(8080);\n`,
    ],
    [
      'end-handler: an if/else branch without a response',
      'index.js',
      `const ff = require('@google-cloud/functions-framework');\nconst { Firestore } = require('@google-cloud/firestore');\nconst db = new Firestore();\nff.http('toggle', async (req, res) => {\n  const flag = await db.doc('flags/a').get();\n  if (req.method === 'GET') {\n    res.json({ enabled: flag.get('enabled') });\n  } else {\n    await db.doc('flags/a').set({ enabled: true });\n  }\n});\n`,
    ],
  ])('%s: the transforms rewrite and the traces agree', async (_name, path, source) => {
    const c = rewriteCase(_name, source, path);
    expect(c.rewritten.source).not.toBe(c.original.source);
    await expectPasses(c);
  });

  test('a hand-written correct rewrite of the cleanup handler passes', async () => {
    const original = `const ff = require('@google-cloud/functions-framework');
const fs = require('fs');
ff.http('exportInvoice', async (req, res) => {
  fs.writeFileSync('/tmp/invoice.txt', 'Invoice: 42 EUR');
  const body = fs.readFileSync('/tmp/invoice.txt', 'utf8');
  res.send(body);
  await fs.promises.unlink('/tmp/invoice.txt');
});
`;
    const rewritten = original.replace(
      "  res.send(body);\n  await fs.promises.unlink('/tmp/invoice.txt');",
      "  await fs.promises.unlink('/tmp/invoice.txt');\n  res.send(body);",
    );
    expect(rewritten).not.toBe(original);
    await expectPasses(pair('cleanup-after-read', 'index.js', original, rewritten));
  });
});

describe('the world and the platforms', () => {
  async function trace(program: ProgramRun, schedule = inOrder, target = 0) {
    const targets = findTargets(program);
    return runOnce(program, targets[target]!, schedule);
  }
  const responses = (t: Awaited<ReturnType<typeof trace>>) =>
    t.events.filter((e) => e.kind === 'response').map((e) => (e.kind === 'response' ? `${e.status} ${e.body}` : ''));

  test('Functions Framework: a rejected handler promise gets a 500 crash response', async () => {
    const t = await trace(
      {
        path: 'index.js',
        source: `const ff = require('@google-cloud/functions-framework');\nconst { Firestore } = require('@google-cloud/firestore');\nff.http('x', async (req, res) => { await new Firestore().doc('a/b').set({}); res.send('ok'); });\n`,
      },
      rejecting({ label: 'firestore.set a/b', occurrence: 1 }),
    );
    expect(responses(t)).toEqual(['500 Internal Server Error']);
  });

  test('firebase-functions: withErrorHandler answers 500 Internal Server Error', async () => {
    const t = await trace({
      path: 'index.js',
      source: `const functions = require('firebase-functions');\nexports.x = functions.https.onRequest(async (req, res) => { throw new Error('boom'); });\n`,
    });
    expect(responses(t)).toEqual(['500 Internal Server Error']);
  });

  test('Express 4 ignores a rejected route (no response); Express 5 sends it to the error handler (500)', async () => {
    const program = {
      path: 'app.js',
      source: `const express = require('express');\nconst app = express();\napp.get('/', async (req, res) => { throw new Error('boom'); });\napp.listen(8080);\n`,
    };
    const targets = findTargets(program);
    expect(targets.map((t) => t.expressMajor)).toEqual([4, 5]);
    const four = await runOnce(program, targets[0]!, inOrder);
    const five = await runOnce(program, targets[1]!, inOrder);
    expect(responses(four)).toEqual([]);
    expect(four.outcome).toBe('crashed');
    expect(four.events.some((e) => e.kind === 'unhandled-rejection')).toBe(true);
    expect(responses(five)).toEqual(['500 Internal Server Error']);
  });

  test('node http: a returned promise that never responds hangs until the timeout', async () => {
    const t = await trace({
      path: 'server.js',
      source: `const http = require('http');\nconst { Firestore } = require('@google-cloud/firestore');\nhttp.createServer((req, res) => new Firestore().doc('a/b').set({})).listen(8080);\n`,
    });
    expect(t.outcome).toBe('hung');
  });

  test('a Next.js API route (under pages/api/, or importing from next) has no sendStatus; the response await-then-send adds there answers', async () => {
    const route = `export default function handler(req, res) {\n  return fetch('https://api.example.com/hooks', { method: 'POST', body: JSON.stringify(req.body) });\n}\n`;
    const typed = `import type { NextApiRequest, NextApiResponse } from 'next';\n${route.replace('(req, res)', '(req: NextApiRequest, res: NextApiResponse)')}`;
    for (const program of [
      { path: 'src/pages/api/hooks.js', source: route },
      { path: 'api/hooks.ts', source: typed },
    ]) {
      const rewritten = { ...program, source: applyTransforms(program.source, { path: program.path }).output };
      expect(rewritten.source).toContain('  res.status(200).end();\n');
      expect(responses(await trace(rewritten))).toEqual(['200 ']);
      const withSendStatus = { ...program, source: rewritten.source.replace('res.status(200).end()', 'res.sendStatus(200)') };
      const crashed = await trace(withSendStatus);
      expect(crashed.events.find((e) => e.kind === 'uncaught')).toMatchObject({ message: 'res.sendStatus is not a function' });
    }
    // Elsewhere the Express response has sendStatus.
    expect(responses(await trace({ path: 'api/hooks.js', source: route.replace('return fetch', 'res.sendStatus(200);\n  return fetch') }))).toEqual(['200 OK']);
  });

  test('a second send throws ERR_HTTP_HEADERS_SENT', async () => {
    const t = await trace({
      path: 'index.js',
      source: `const ff = require('@google-cloud/functions-framework');\nff.http('x', (req, res) => { res.send('a'); try { res.send('b'); } catch (e) { res.locals.code = e.code; console.log(e.code); } });\n`,
    });
    expect(responses(t)).toEqual(['200 a']);
    expect(t.events.some((e) => e.kind === 'headers-sent-error')).toBe(true);
    expect(t.logs).toContain('log: ERR_HTTP_HEADERS_SENT');
  });

  test('the in-memory file system: unlink before read throws ENOENT', async () => {
    const t = await trace({
      path: 'index.js',
      source: `const ff = require('@google-cloud/functions-framework');\nconst fs = require('fs');\nff.http('x', async (req, res) => { fs.writeFileSync('/tmp/a', 'A'); await fs.promises.unlink('/tmp/a'); try { fs.readFileSync('/tmp/a'); } catch (e) { return res.status(404).send(e.code); } res.send('found'); });\n`,
    });
    expect(responses(t)).toEqual(['404 ENOENT']);
    expect(t.files).toEqual({});
  });

  test('an undeclared identifier runs as a stand-in whose calls are work; one handed the response makes the program not executable', async () => {
    const t = await trace({ path: 'index.js', source: `exports.h = async (req, res) => { await queue.add(req.body); res.send('queued'); };\n` });
    expect(t.opaque).toEqual(['queue']);
    expect(t.events.map((e) => e.kind + ('key' in e ? ` ${e.key}` : ''))).toEqual(['start queue.add()#1', 'settle queue.add()#1', 'response']);
    const result = await checkRewrite(
      pair(
        'hand-off',
        'index.js',
        `exports.h = (req, res) => { sendJson(res, { ok: true }); };\n`,
        `exports.h = (req, res) => { sendJson(res, { ok: true }); };\n`,
      ),
    );
    expect(result).toEqual({
      executable: false,
      name: 'hand-off',
      reason: 'the response is handed to sendJson, an undeclared identifier the world cannot know',
    });
  });

  test('background triggers are never invoked; unknown modules make a program not executable', () => {
    expect(() =>
      findTargets({
        path: 'index.js',
        source: `const functions = require('firebase-functions');\nexports.job = functions.pubsub.topic('t').onPublish((message, context) => { throw new Error('ran'); });\n`,
      }),
    ).toThrow(NotExecutableError);
    expect(() => findTargets({ path: 'index.js', source: `const x = require('left-pad');\nexports.h = (req, res) => res.send(x('a', 2));\n` })).toThrow(
      /module "left-pad" is not part of the world/,
    );
  });

  test('schedules change the order in which work settles', async () => {
    const program = {
      path: 'index.js',
      source: `const ff = require('@google-cloud/functions-framework');\nconst axios = require('axios');\nff.http('x', async (req, res) => { const seen = []; await Promise.all([axios.get('/a').then(() => seen.push('a')), axios.get('/b').then(() => seen.push('b'))]); res.send(seen.join()); });\n`,
    };
    const { reverse } = await import('./scheduler');
    expect(responses(await trace(program))).toEqual(['200 a,b']);
    expect(responses(await trace(program, reverse))).toEqual(['200 b,a']);
  });
});
