/** What await-floating says a rejection of an awaited chain now does, by where the chain is awaited. */
import { applyTransforms } from '../../transforms';

function rejectionMessage(handlerBody: string): string | undefined {
  const source = [
    "const functions = require('firebase-functions');",
    "const admin = require('firebase-admin');",
    "const cors = require('cors')({ origin: true });",
    'exports.stats = functions.https.onRequest((req, res) => {',
    handlerBody,
    '});',
    '',
  ].join('\n');
  const { findings } = applyTransforms(source, { path: 'index.js', transforms: ['await-floating'] });
  return findings.find((f) => f.rule === 'await-floating/rejection-now-reaches-platform')?.message;
}

const CHAIN = "admin.firestore().doc('stats/today').get().then((doc) => { res.json(doc.data()); });";

test('in the handler: the handler now rejects, and firebase-functions answers it', () => {
  expect(rejectionMessage(`  ${CHAIN}`)).toBe(
    'awaited a chain that responds in `.then` but has no rejection path: its rejection used to be unhandled; now firebase-functions answers a rejected handler with 500 Internal Server Error when nothing was sent (withErrorHandler)',
  );
});

test('in a middleware callback: the middleware ignores the callback promise, so awaiting would change nothing; left alone and reported', () => {
  const body = `  cors(req, res, () => {\n    ${CHAIN}\n  });`;
  expect(rejectionMessage(body)).toBeUndefined();
  const source = `const functions = require('firebase-functions');\nconst admin = require('firebase-admin');\nconst cors = require('cors')({ origin: true });\nexports.stats = functions.https.onRequest((req, res) => {\n${body}\n});\n`;
  const result = applyTransforms(source, { path: 'index.js', transforms: ['await-floating'] });
  expect(result.changed).toBe(false);
  const message = result.findings.find((f) => f.rule === 'await-floating/rejection-not-handled')?.message;
  expect(message).toContain("has no rejection path, and `cors` ignores its callback's promise, so awaiting it would change nothing");
  expect(message).not.toContain('withErrorHandler');
});

function findingMessage(handlerBody: string, rule: string): string | undefined {
  const source = [
    "const functions = require('firebase-functions');",
    "const admin = require('firebase-admin');",
    'exports.stats = functions.https.onRequest((req, res) => {',
    handlerBody,
    '});',
    '',
  ].join('\n');
  return applyTransforms(source, { path: 'index.js', transforms: ['await-floating'] }).findings.find((f) => f.rule === rule)?.message;
}

describe('a chain that responds and floats inside a chain callback: the fix named depends on the outer chain', () => {
  const inner = "admin.firestore().doc('stats/b').get().then((b) => res.json(b.data()));";
  test('the outer chain has a rejection handler that responds: returning the inner chain is enough', () => {
    const message = findingMessage(
      `  admin.firestore().doc('stats/a').get().then(() => {\n    ${inner}\n  }).catch((err) => res.status(500).send(err.message));`,
      'await-floating/chain-floats-in-callback',
    );
    expect(message).toContain('floats inside the `.then` callback (line 4)');
    expect(message).toContain('its rejection is handled nowhere');
    expect(message).toMatch(/and its rejection handler answers$/);
  });
  test('the outer chain has none: it needs one too', () => {
    const message = findingMessage(`  admin.firestore().doc('stats/a').get().then(() => {\n    ${inner}\n  });`, 'await-floating/chain-floats-in-callback');
    expect(message).toMatch(/and give it a rejection handler that responds$/);
  });
  test('inside a callback that is not a chain callback (a listener), nothing is said', () => {
    expect(findingMessage(`  req.on('end', () => {\n    ${inner}\n  });`, 'await-floating/chain-floats-in-callback')).toBeUndefined();
  });
});
