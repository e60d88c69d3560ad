/**
 * types.ts holds the data every transform returns, and nothing that runs: the command line imports
 * it eagerly while the transforms (and Babel) load lazily, so it must stay free of runtime code.
 */
import * as types from '../../../transforms/lib/types';
import { applyTransforms } from '../../../transforms';
import type { Finding, Site, TransformResult } from '../../../transforms/lib/types';

test('the module has no runtime exports', () => {
  expect(Object.keys(types)).toEqual([]);
});

test('sites and findings, as applyTransforms returns them, are plain data (structured-clone safe)', () => {
  const source =
    "const functions = require('firebase-functions');\nexports.h = functions.https.onRequest((req, res) => {\n  res.send(1);\n  return db.save(req.body);\n});\n";
  const { sites, findings } = applyTransforms(source, { path: 'index.js' });
  const result: TransformResult = { sites, findings };
  expect(sites.length).toBeGreaterThan(0);
  expect(structuredClone(result)).toEqual(result);
  const typed: { sites: Site[]; findings: Finding[] } = result;
  expect(typed.sites[0]).toEqual(expect.objectContaining({ transform: expect.any(String), edits: expect.any(Array) }));
});
