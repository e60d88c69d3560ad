/** Findings: positions (1-based lines and columns), rule ids, quoted source, and disable comments. */
import type * as t from '@babel/types';
import { getDisabledLines } from '../../../transforms/lib/disable';
import { createFinding, createReporter, getEndPosition, getPosition, quoteSource } from '../../../transforms/lib/findings';
import { parseSource } from '../../../transforms/lib/parse';
import type { Finding } from '../../../transforms/lib/types';

const SOURCE = 'exports.h = (req, res) => {\n  db.save(req.body,\n    { merge: true });\n  res.send(1);\n};\n';
const ast = parseSource(SOURCE, 'babel');
/** The statements of the handler body. */
const body = ((ast.program.body[0] as t.ExpressionStatement).expression as t.AssignmentExpression).right as t.ArrowFunctionExpression;
const [save, send] = (body.body as t.BlockStatement).body as [t.Statement, t.Statement];

test('positions are 1-based, the end just past the node', () => {
  expect(getPosition(save)).toEqual({ line: 2, column: 3 });
  expect(getEndPosition(save)).toEqual({ endLine: 3, endColumn: 22 });
});

test('createFinding: the rule id is <transform>/<kind>, a warning unless told otherwise', () => {
  expect(createFinding('respond-last', save, 'unsafe-to-move', 'why')).toEqual({
    transform: 'respond-last',
    rule: 'respond-last/unsafe-to-move',
    severity: 'warning',
    line: 2,
    column: 3,
    endLine: 3,
    endColumn: 22,
    message: 'why',
  });
  expect(createFinding('send-status', send, 'kept', 'why', 'info').severity).toBe('info');
});

test('quoteSource: one line, in backquotes, shortened to the limit', () => {
  expect(quoteSource(SOURCE, save)).toBe('`db.save(req.body, { merge: true });`');
  expect(quoteSource(SOURCE, save, 12)).toBe('`db.save(r...`');
});

test('createReporter skips nodes on lines a disable comment covers for this transform', () => {
  const source = `// sendlast-disable-next-line respond-last\n${SOURCE}`;
  const file = parseSource(source, 'babel');
  const statement = file.program.body[0]!;
  const findings: Finding[] = [];
  createReporter(getDisabledLines(file), 'respond-last', findings)(statement, 'kind', 'disabled here');
  createReporter(getDisabledLines(file), 'send-status', findings)(statement, 'kind', 'not disabled for this one');
  expect(findings.map((f) => f.rule)).toEqual(['send-status/kind']);
});
