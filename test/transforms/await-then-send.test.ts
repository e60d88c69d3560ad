/** One finding per handler whose response is handed off; a handler that only delegates gets it as a note. */
import { applyTransforms } from '../../transforms';

function findings(body: string) {
  const source = `const express = require('express');\nconst app = express();\napp.get('/x', (req, res) => {\n${body}\n});\n`;
  return applyTransforms(source, { path: 'routes.js', transforms: ['await-then-send'] }).findings.map((f) => ({
    line: f.line,
    severity: f.severity,
    message: f.message,
  }));
}

test('a handler that returns the call it hands the response to delegates: one note', () => {
  expect(findings('  return orders.get(req, res);')).toEqual([
    { line: 4, severity: 'info', message: 'left alone: the handler delegates to `orders.get(req, res)`, which holds the response; nothing is added' },
  ]);
});

test('another return besides the hand-off: one warning that names where the response went', () => {
  const [finding, ...rest] = findings("  if (req.query.ping) return audit.log('ping');\n  return orders.get(req, res);");
  expect(rest).toEqual([]);
  expect(finding).toMatchObject({ line: 4, severity: 'warning' });
  expect(finding!.message).toContain('the response is handed off, passed to `orders.get(req, res)` (line 5:10)');
});

test('a handler that returns a promise whose executor holds the response delegates to it: one note', () => {
  expect(
    findings('  return new Promise((resolve) => {\n    orders.find(req.params.id, (err, order) => {\n      res.json(order);\n      resolve();\n    });\n  });'),
  ).toEqual([
    {
      line: 4,
      severity: 'info',
      message: 'left alone: the handler delegates to `new Promise((resolve) => { orders.find(req.para...`, which holds the response; nothing is added',
    },
  ]);
});
