/**
 * Generated programs for the execution harness: the property generator's handler programs
 * (test/support/generate.ts) with a preamble that binds the names they call to the world's fakes.
 */
import fc from 'fast-check';
import { handlerProgramArb, type Program } from '../support/generate';

export const SEED = 20261202;

/** The first `count` programs of the fixed seed. */
export function generatedPrograms(count: number): { seed: number; programs: Program[] } {
  return { seed: SEED, programs: fc.sample(handlerProgramArb, { seed: SEED, numRuns: count }) };
}

/**
 * Binds the generator's free names to fakes of the world: `save` is a Firestore write, `load` a
 * read, `work` an HTTP call, `helper(req, res, tag)` saves then responds, `stream` a Cloud Storage
 * read stream, `client.get` a callback API, `cors` the cors middleware. An Express app listens.
 */
export function withWorld(program: Program): { source: string; path: string } {
  const preamble = [
    "const __admin = require('firebase-admin');",
    'const db = __admin.firestore();',
    'const save = (tag) => db.doc(`saves/${tag}`).set({ tag });',
    'const load = (tag) => db.doc(`items/${tag}`).get().then((snap) => snap.data());',
    "const work = (tag) => require('axios').post(`https://api.example/${tag}`, { tag });",
    'const helper = (req, res, tag) => save(tag).then(() => res.send(`helper ${tag}`));',
    'const cond = (tag) => tag.length % 2 === 0;',
    'const compute = (tag) => tag.toUpperCase();',
    'const count = (tag) => tag.length;',
    "const client = { get: (tag, cb) => { require('fs').readFile(`/srv/${tag}`, 'utf8', (err) => cb(null, { statusCode: 200, send() {}, json() {}, end() {}, sendStatus() {}, set() {}, redirect() {}, status() { return this; } })); } };",
    "const stream = (tag) => __admin.storage().bucket('files').file(tag).createReadStream();",
    "const cors = (req, res, next) => require('cors')()(req, res, next);",
    "const logger = require('firebase-functions/logger');",
    '',
  ].join(program.model.style.eol);
  const suffix = program.model.shape === 'express' ? `${program.model.style.eol}app.listen(8080)${program.model.style.eol}` : '';
  return { source: preamble + program.source + suffix, path: program.path };
}
