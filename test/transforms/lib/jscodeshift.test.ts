/**
 * The built transforms are plain jscodeshift transforms: jscodeshift's own CLI applies them.
 * Needs the build (`npm test` builds first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const JSCODESHIFT = path.join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

function jscodeshift(args: string[]): string {
  return execFileSync(process.execPath, [JSCODESHIFT, ...args], { cwd: ROOT, encoding: 'utf8' });
}

test('npx jscodeshift -t dist/transforms/await-then-send/index.js --dry --print applies the transform', () => {
  const input = path.join(ROOT, '__testfixtures__', 'await-then-send', 'docs-example.input.js');
  const expected = readFileSync(input.replace('.input.', '.output.'), 'utf8');
  const out = jscodeshift(['-t', 'dist/transforms/await-then-send/index.js', '--dry', '--print', '--silent', input]);
  expect(out).toContain(expected.trimEnd());
});

test('dist/transforms/end-handler/index.js under jscodeshift adds the --respond response and reports what it leaves alone', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sendlast-jscs-'));
  const file = path.join(dir, 'index.js');
  writeFileSync(
    file,
    "const ff = require('@google-cloud/functions-framework');\n" +
      "ff.http('log', async (req, res) => {\n  await save(req.body);\n});\n" +
      "ff.http('sync', async (req, res) => {\n  try {\n    await save(req.body);\n    res.send('ok');\n  } catch (err) {\n    console.error(err);\n  }\n});\n",
  );
  const out = jscodeshift(['-t', 'dist/transforms/end-handler/index.js', '--respond=res.status(204).end()', file]);
  expect(readFileSync(file, 'utf8')).toContain("  await save(req.body);\n  res.status(204).end();\n});\nff.http('sync'");
  expect(out).toContain(`${file}:9:5: left alone: on the path through this \`catch\``);
});

test('jscodeshift writes the file, honours --parser=ts and passes --respond', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sendlast-jscs-'));
  const file = path.join(dir, 'handler.ts');
  writeFileSync(file, `export const h = (req: any, res: any): void => {\n  return save(req.body);\n};\n`);
  jscodeshift(['-t', 'dist/transforms/await-then-send/index.js', '--parser=ts', '--respond=res.status(204).end()', '--silent', file]);
  expect(readFileSync(file, 'utf8')).toBe(
    `export const h = async (req: any, res: any): Promise<void> => {\n  await save(req.body);\n  res.status(204).end();\n};\n`,
  );
});

test('jscodeshift leaves a background function alone', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sendlast-jscs-'));
  const file = path.join(dir, 'bg.js');
  const source = `const functions = require('firebase-functions');\nexports.a = functions.pubsub.topic('t').onPublish((message) => {\n  return db.doc('x').set({});\n});\n`;
  writeFileSync(file, source);
  for (const name of ['await-then-send', 'end-handler', 'respond-last', 'send-status']) {
    jscodeshift(['-t', `dist/transforms/${name}/index.js`, '--silent', file]);
  }
  expect(readFileSync(file, 'utf8')).toBe(source);
});

test("jscodeshift passes --platform; an unusable --platform or --respond fails with the command line's message", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sendlast-jscs-'));
  const file = path.join(dir, 'server.js');
  const source = `const express = require('express');\nconst app = express();\napp.post('/events', async (req, res) => {\n  res.status(202).send('queued');\n  await audit.record(req.body);\n});\napp.listen(8080);\n`;
  writeFileSync(file, source);
  const server = jscodeshift(['-t', 'dist/transforms/all.js', '--platform=server', file]);
  expect(server).toContain(`${file}:5:3: respond-last/work-after-response-on-server: left where it is (--platform server)`);
  expect(readFileSync(file, 'utf8')).toBe(source);
  const bad = jscodeshift(['-t', 'dist/transforms/respond-last/index.js', '--platform=vm', '--respond=res.status(204).end()', file]);
  expect(bad).toContain('--platform must be one of functions, server (got "vm")');
  const badRespond = jscodeshift(['-t', 'dist/transforms/await-then-send/index.js', '--respond=foo(res)', file]);
  expect(badRespond).toContain('--respond "foo(res)" must call a method of the response "res"');
  expect(readFileSync(file, 'utf8')).toBe(source);
  jscodeshift(['-t', 'dist/transforms/respond-last/index.js', '--silent', file]);
  expect(readFileSync(file, 'utf8')).toContain("  await audit.record(req.body);\n  res.status(202).send('queued');\n");
});
