/**
 * send-status: Express 4 deprecated and Express 5 removed passing the status as an argument.
 * Rewrite the old forms on the handler's response, and drop a redundant `res.end()`.
 *
 *   res.send(200);                  =>   res.sendStatus(200);
 *   res.send(201, body);            =>   res.status(201).send(body);
 *   res.json(400, { error });       =>   res.status(400).json({ error });
 *   res.redirect('/login', 301);    =>   res.redirect(301, '/login');
 *   res.json(x); res.end();         =>   res.json(x);
 *
 * Only integer literals from 100 to 599 count as a status (Express 5 sends other numbers as a
 * JSON body). Leaves alone, and reports: a status that is not such a literal (`res.send(code)`,
 * `res.json(status, obj)`, `res.redirect(url, code)`), numbers outside 100-599. Calls on anything
 * but the handler's response binding (a shadowing `res`, `axios`), Node `http` handlers and Next.js
 * API routes (whose `res.send(200)` sends the JSON body `200`, and whose response has no
 * `sendStatus`) are never touched. `// sendlast-disable-next-line send-status` keeps a line.
 */
import type * as t from '@babel/types';
import { isDisabled } from '../lib/disable';
import { createFinding, getPosition } from '../lib/findings';
import { findRedundantEnds } from '../lib/groups';
import { isExpressBased } from '../lib/handlers';
import { createJscodeshiftTransform } from '../lib/jscodeshift';
import { isNextApiHandler } from '../lib/next';
import { getStatementRemovalEdits } from '../lib/edit/move';
import { getResponseCall } from '../lib/responses';
import type { SourceFile } from '../lib/source-file';
import { getStatusLiteral, isNonNumberLiteral, isNumberLiteral, looksLikeStatus } from '../lib/status';
import type { Finding, Site, TextEdit, TransformOptions, TransformResult } from '../lib/types';

const NAME = 'send-status';

type Verdict = { edits: TextEdit[]; message: string } | { report: string } | null;

function text(source: string, node: t.Node): string {
  return source.slice(node.start!, node.end!);
}

/** `x.send(S, B)` -> `x.status(S).send(B)`: the status moves in front of the method. */
function moveStatusFirst(source: string, property: t.Node, status: t.Node, body: t.Node): TextEdit[] {
  return [
    { start: property.start!, end: property.start!, text: `status(${text(source, status)}).` },
    { start: status.start!, end: body.start!, text: '' },
  ];
}

/** `x.send(B, S)` -> `x.status(S).send(B)`. */
function moveStatusLast(source: string, property: t.Node, body: t.Node, status: t.Node): TextEdit[] {
  return [
    { start: property.start!, end: property.start!, text: `status(${text(source, status)}).` },
    { start: body.end!, end: status.end!, text: '' },
  ];
}

const NOT_A_STATUS = 'is a number but not an integer literal from 100 to 599: Express 4 takes it as a status, Express 5 sends it as a JSON body; left alone';
const DEPRECATED = 'passing the status as an argument was deprecated by Express 4 and removed by Express 5';
const BAD_STATUS = `the status is not an integer literal from 100 to 599 (${DEPRECATED}); left alone`;

/** What to do with one `send`/`json`/`jsonp`/`redirect` call on the response. */
function judgeCall(source: string, call: t.CallExpression, method: string): Verdict {
  const callee = call.callee as t.MemberExpression;
  const property = callee.property;
  if (callee.computed || property.type !== 'Identifier') return null;
  const args = call.arguments;
  if (args.some((a) => a.type === 'SpreadElement' || a.type === 'ArgumentPlaceholder')) return null;
  const [first, second] = args;
  const written = text(source, call).replace(/\s+/g, ' ');
  const usage = `\`${written.length > 60 ? `${written.slice(0, 57)}...` : written}\``;
  if (method === 'send' && args.length === 1) {
    if (getStatusLiteral(first) !== null) {
      return { edits: [{ start: property.start!, end: property.end!, text: 'sendStatus' }], message: 'res.send(status) -> res.sendStatus(status)' };
    }
    if (isNumberLiteral(first)) return { report: `${usage}: the argument ${NOT_A_STATUS}` };
    if (looksLikeStatus(first)) {
      return {
        report: `${usage}: if the argument is a status code, Express 4 sends it as a status and Express 5 as a JSON body; left alone: use res.sendStatus(code) for a status`,
      };
    }
    return null;
  }
  if ((method === 'send' || method === 'json' || method === 'jsonp') && args.length === 2 && first && second) {
    const rewrite = `res.status(status).${method}(body)`;
    // Express 4 reads json(obj, number) as (body, status), and send(non-number, number) likewise.
    const bodyFirst = method === 'send' ? isNonNumberLiteral(first) && isNumberLiteral(second) : isNumberLiteral(second);
    if (bodyFirst) {
      if (getStatusLiteral(second) === null) return { report: `${usage}: ${BAD_STATUS}` };
      return { edits: moveStatusLast(source, property, first, second), message: `res.${method}(body, status) -> ${rewrite}` };
    }
    if (getStatusLiteral(first) !== null) {
      return { edits: moveStatusFirst(source, property, first, second), message: `res.${method}(status, body) -> ${rewrite}` };
    }
    if (isNumberLiteral(first)) return { report: `${usage}: ${BAD_STATUS}` };
    return { report: `${usage}: ${DEPRECATED}, and the status is not a literal; left alone: write ${rewrite}` };
  }
  if (method === 'redirect' && args.length === 2 && first && second) {
    if (isNumberLiteral(first)) return null;
    if (getStatusLiteral(second) !== null) {
      return {
        edits: [
          { start: first.start!, end: first.end!, text: text(source, second) },
          { start: second.start!, end: second.end!, text: text(source, first) },
        ],
        message: 'res.redirect(url, status) -> res.redirect(status, url)',
      };
    }
    if (isNumberLiteral(second)) return { report: `${usage}: ${BAD_STATUS}` };
    if (looksLikeStatus(second) || isNonNumberLiteral(first)) {
      return {
        report: `${usage}: res.redirect(url, status) was deprecated by Express 4 and removed by Express 5, and the status is not a literal; left alone: write res.redirect(status, url)`,
      };
    }
  }
  return null;
}

export function run(file: SourceFile, _options: TransformOptions): TransformResult {
  const { source } = file;
  const sites: Site[] = [];
  const findings: Finding[] = [];
  const disabled = (node: t.Node, statement: t.Node) =>
    isDisabled(file.disabled, node.loc!.start.line, NAME) || isDisabled(file.disabled, statement.loc!.start.line, NAME);
  const seen = new Set<t.Node>();
  for (const handler of file.handlers) {
    if (!isExpressBased(handler) || isNextApiHandler(handler, file)) continue;
    handler.path.traverse({
      CallExpression(path) {
        const call = getResponseCall(handler, path);
        if (!call || seen.has(path.node)) return;
        seen.add(path.node);
        const statement = path.getStatementParent()?.node ?? path.node;
        const verdict = judgeCall(source, path.node, call.method);
        if (!verdict || disabled(path.node, statement)) return;
        if ('report' in verdict) findings.push(createFinding(NAME, path.node, 'status-not-rewritten', verdict.report));
        else sites.push({ transform: NAME, ...getPosition(path.node), message: verdict.message, edits: verdict.edits });
      },
    });
    for (const { previous, statement } of findRedundantEnds(handler)) {
      if (seen.has(statement) || disabled(statement, statement)) continue;
      seen.add(statement);
      const edits = getStatementRemovalEdits(source, { start: previous.start!, end: previous.end! }, { start: statement.start!, end: statement.end! });
      if (edits) sites.push({ transform: NAME, ...getPosition(statement), message: 'removes a redundant res.end() after the response', edits });
    }
  }
  sites.sort((a, b) => a.line - b.line || a.column - b.column);
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { sites, findings };
}

export const definition = {
  name: NAME,
  description: 'rewrite deprecated status-as-argument calls (res.send(200), res.json(400, obj)) and drop a redundant res.end()',
  options: [],
  run,
};

export default createJscodeshiftTransform(definition);
