/**
 * await-then-send: an HTTP handler that returns a promise sends nothing, and the request hangs
 * until the platform times out. Await the promise, then respond.
 *
 *   exports.handler = (req, res) => {          exports.handler = async (req, res) => {
 *     return db.doc(id).set(data);      =>       await db.doc(id).set(data);
 *   };                                           res.sendStatus(200);
 *                                              };
 *
 * Leaves alone: `return;`, literals, `return res.status(400).send(msg)`, `return next(err)`,
 * returned chains that send the response themselves (`.then((doc) => res.json(doc))`), returns of
 * nested callbacks, background functions (onCall, Pub/Sub, Firestore...), and
 * hand-offs of the response (`stream.pipe(res)`, `cors(req, res, cb)`, `app(req, res)`), which
 * are reported as findings instead.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { isDisabled } from '../lib/disable';
import { createReporter, EXPRESS_ASYNC_MESSAGE, getPosition, quoteSource, type Reporter } from '../lib/findings';
import { isExpressReceiver, type Handler } from '../lib/handlers';
import { createJscodeshiftTransform } from '../lib/jscodeshift';
import { RESPOND_OPTION } from '../lib/options';
import { getPropertyName, isGlobalMethodCall, unwrap } from '../lib/modules';
import { findEagerResponses, getHandOffs, getOwnership, isResponseHelperCall } from '../lib/ownership';
import { getPromiseKind } from '../lib/promises';
import { getDefaultResponse } from '../lib/edit/respond-template';
import {
  getExpressionResponse,
  getResponseCall,
  isHandOffCall,
  isNextCallExpression,
  mayHaveRespondedBefore,
  mayRespondAfter,
  isResponseRef,
  referencesResponse,
} from '../lib/responses';
import { isRespondedBefore } from '../lib/groups';
import type { SourceFile } from '../lib/source-file';
import {
  ensureAsync,
  getSemicolon,
  insertStatementsAfter,
  isDeadCode,
  isSingleStatementPosition,
  isTailPosition,
  needsParensForAwait,
} from '../lib/edit/statements';
import { getEol, getIndentUnit, getLineIndent } from '../lib/edit/text';
import type { Finding, Site, TextEdit, TransformOptions, TransformResult } from '../lib/types';

const NAME = 'await-then-send';

type Verdict = { action: 'skip' } | { action: 'report'; kind: string; message: string; severity?: 'info' } | { action: 'rewrite' } | { action: 'handed-off' };

/** Returns that belong to the handler itself, not to nested functions. */
function findOwnReturns(handler: Handler): NodePath<t.ReturnStatement>[] {
  const returns: NodePath<t.ReturnStatement>[] = [];
  handler.path.traverse({
    Function(path) {
      path.skip();
    },
    ReturnStatement(path) {
      returns.push(path);
    },
  });
  return returns;
}

/** Decide what to do with a returned expression. */
function judgeReturnValue(file: SourceFile, handler: Handler, value: NodePath): Verdict {
  // `return await res.send(x)` and `return await next(err)` are as final as without `await`.
  if (value.isAwaitExpression()) return judgeReturnValue(file, handler, value.get('argument') as NodePath);
  const node = unwrap(value.node);
  switch (node.type) {
    case 'NullLiteral':
    case 'BooleanLiteral':
    case 'NumericLiteral':
    case 'BigIntLiteral':
    // A function or class is not a promise: a factory returning a callback, nothing to await.
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassExpression':
      return { action: 'skip' };
    case 'StringLiteral':
    case 'TemplateLiteral':
    case 'ObjectExpression':
    case 'ArrayExpression':
      return {
        action: 'report',
        kind: 'returns-plain-value',
        message:
          "returns a plain value that looks meant as the response, but a handler's return value is ignored and nothing is sent; send it explicitly (for example res.send(...))",
      };
    case 'Identifier':
      if (node.name === 'undefined' || isResponseRef(handler, value)) return { action: 'skip' };
      break;
    case 'UnaryExpression':
      if (node.operator === 'void') return { action: 'skip' };
      break;
    default:
      break;
  }
  if (getResponseCall(handler, value)) return { action: 'skip' };
  // `Promise.reject(e)` is a rejection the platform answers, not work to await.
  if (isGlobalMethodCall(value, 'Promise', 'reject')) return { action: 'skip' };
  if (isNextCallExpression(handler, value)) return { action: 'skip' };
  const ownership = getOwnership(handler, file);
  if (ownership.handedOff) {
    const described = describeReturnedHandOff(handler, value);
    if (described) return described;
    return { action: 'handed-off' };
  }
  // `return sendError(res, 400, msg)` into a local helper that only calls the response's methods.
  if (isResponseHelperCall(handler, file, value)) return { action: 'skip' };
  const kind = getPromiseKind(value, file);
  if (kind === 'not-promise') {
    if (referencesResponse(handler, value) || mayHaveHandlersResponded(handler, value)) return { action: 'skip' };
    return {
      action: 'report',
      kind: 'returns-non-promise',
      message: `returns ${quoteSource(file.source, value.node)}, which is not a promise and does not respond: nothing is sent on this path; respond explicitly`,
    };
  }
  if (kind === 'unknown' && isHandOffCall(handler, value)) {
    return {
      action: 'report',
      kind: 'response-passed-to-unknown-call',
      message: `left alone: returns ${quoteSource(file.source, value.node)}, which receives the response and may or may not respond; sendlast cannot tell`,
    };
  }
  // A chain that sends the response itself (`.then((doc) => res.json(doc))`) already ends the
  // request: awaiting it instead of returning it would change nothing a client sees.
  if (getExpressionResponse(handler, value) === 'responds' && !isAfterResponse(handler, value)) return { action: 'skip' };
  return { action: 'rewrite' };
}

/** Is `value` returned by a statement of the handler that runs after it has responded? */
function isAfterResponse(handler: Handler, value: NodePath): boolean {
  const statement = value.getStatementParent();
  return !!statement && statement.isDescendant(handler.path) && isRespondedBefore(handler, statement);
}

/** A returned expression that is itself the hand-off (`return stream.pipe(res)`), said plainly. */
function describeReturnedHandOff(handler: Handler, value: NodePath): Verdict | null {
  if (!value.isCallExpression() || !isHandOffCall(handler, value)) return null;
  const callee = value.node.callee;
  if (callee.type === 'MemberExpression' && getPropertyName(callee) === 'pipe') {
    return { action: 'report', kind: 'response-piped', message: 'returns a stream piped into the response; the stream responds, nothing to await' };
  }
  if (value.get('arguments').some((arg) => arg.isFunction())) {
    return {
      action: 'report',
      kind: 'response-handed-off',
      message: 'hands the response to a call that takes a callback (middleware such as cors); not a promise to await',
    };
  }
  if (isExpressReceiver(value, callee)) {
    return { action: 'report', kind: 'response-handed-off', message: 'hands the request to an Express app, which responds itself' };
  }
  return null;
}

/** Has some earlier statement possibly responded on the way to `value`? */
function mayHaveHandlersResponded(handler: Handler, value: NodePath): boolean {
  const statement = value.getStatementParent();
  return !!statement && (isRespondedBefore(handler, statement) || mayHaveRespondedBefore(handler, statement));
}

/**
 * Is the statement in the `try` block of a `try` with a `catch`? There `return p` hands a rejection
 * to the caller (the platform answers it), while `await p` would hand it to the `catch`.
 */
function isInTryWithCatch(handler: Handler, statement: NodePath): boolean {
  for (let current: NodePath = statement; current.parentPath && current.node !== handler.path.node; current = current.parentPath) {
    const parent = current.parentPath;
    if (parent.isTryStatement() && current.key === 'block' && parent.node.handler) return true;
    if (current.isFunction()) return false;
  }
  return false;
}

interface Rewrite {
  /** The statement (or concise body) being replaced, for position and disable checks. */
  node: t.Node;
  edits: TextEdit[];
  message: string;
  findings: { kind: string; message: string; severity: 'warning' | 'info' }[];
}

/** The response to add after awaiting `value`, or null, and a finding when it is guarded. */
function chooseResponse(
  file: SourceFile,
  handler: Handler,
  statement: NodePath | null,
  value: NodePath,
  options: TransformOptions,
  semi: string,
): { line: string | null; finding: Rewrite['findings'][number] | null } {
  if (statement && isRespondedBefore(handler, statement)) return { line: null, finding: null };
  let verdict = getExpressionResponse(handler, value);
  const anchor = statement ?? value;
  if (verdict === 'never' && (mayHaveRespondedBefore(handler, anchor) || mayRespondAfter(handler, anchor))) verdict = 'unknown';
  // A value that responds itself ('responds') is left alone by judgeReturnValue, unless a response
  // came before it, which returns above.
  const resName = handler.res.identifier.name;
  const response = getDefaultResponse(handler, file, options.respond);
  if (verdict === 'never') return { line: response + semi, finding: null };
  return {
    line: `if (!${resName}.headersSent) ${response}${semi}`,
    finding: {
      kind: 'guarded-response',
      severity: 'info',
      message:
        'added a guarded response (only sent if the awaited code did not respond): it may respond on some paths; check which response the client should get',
    },
  };
}

/** `return <value>;` -> `await <value>;` + response (+ `return;` unless in tail position). */
function rewriteReturn(file: SourceFile, handler: Handler, statement: NodePath<t.ReturnStatement>, options: TransformOptions): Rewrite {
  const { source } = file;
  const node = statement.node;
  const value = statement.get('argument') as NodePath<t.Expression>;
  const start = node.start!;
  const end = node.end!;
  const semi = getSemicolon(source, end);
  const edits: TextEdit[] = [];
  let awaited = value;
  if (value.isAwaitExpression() && !value.node.extra?.parenthesized) {
    // `return await p` -> `await p`
    awaited = value.get('argument') as NodePath<t.Expression>;
    edits.push({ start: value.node.start!, end: awaited.node.start!, text: '' });
  }
  edits.push({ start, end: start + 'return'.length, text: 'await' });
  if (needsParensForAwait(awaited.node)) {
    edits.push({ start: awaited.node.start!, end: awaited.node.start!, text: '(' });
    edits.push({ start: awaited.node.end!, end: awaited.node.end!, text: ')' });
  }
  const response = chooseResponse(file, handler, statement, awaited, options, semi);
  const lines: string[] = [];
  if (response.line) lines.push(response.line);
  if (!isTailPosition(statement, handler.path.node.body)) lines.push(`return${semi}`);
  edits.push(...insertStatementsAfter(source, { start, end }, lines, isSingleStatementPosition(statement) && lines.length > 0));
  return {
    node,
    edits,
    message: response.line ? 'awaits the returned promise, then responds' : 'awaits the returned promise (the response was sent before it)',
    findings: response.finding ? [response.finding] : [],
  };
}

/** `(req, res) => <value>` -> `async (req, res) => { await <value>; <response>; }` */
function rewriteConciseBody(file: SourceFile, handler: Handler, body: NodePath<t.Expression>, options: TransformOptions): Rewrite {
  const { source } = file;
  const node = body.node;
  let start = node.start!;
  let end = node.end!;
  if (node.extra?.parenthesized && typeof node.extra.parenStart === 'number') {
    start = node.extra.parenStart;
    end = source.indexOf(')', end) + 1;
  }
  // A body on the line after `=>` gets its brace on the arrow's line.
  const arrow = source.lastIndexOf('=>', start);
  let prefix = '';
  if (arrow !== -1 && start > arrow + 3 && /^\s*$/.test(source.slice(arrow + 2, start))) {
    start = arrow + 2;
    prefix = ' ';
  }
  const semi = /;[ \t]*\r?$/m.test(source) ? ';' : '';
  const eol = getEol(source, start);
  const baseIndent = getLineIndent(source, handler.path.node.start!);
  const inner = baseIndent + getIndentUnit(source);
  const text = source.slice(node.start!, node.end!);
  const operand = needsParensForAwait(node) ? `(${text})` : text;
  const response = chooseResponse(file, handler, null, body, options, semi);
  const lines = [`await ${operand}${semi}`];
  if (response.line) lines.push(response.line);
  return {
    node,
    edits: [{ start, end, text: `${prefix}{${lines.map((l) => `${eol}${inner}${l}`).join('')}${eol}${baseIndent}}` }],
    message: 'awaits the returned promise, then responds',
    findings: response.finding ? [response.finding] : [],
  };
}

export function run(file: SourceFile, options: TransformOptions): TransformResult {
  const sites: Site[] = [];
  const findings: Finding[] = [];
  const report = createReporter(file.disabled, NAME, findings);
  for (const handler of file.handlers) {
    const body = handler.path.get('body');
    if (handler.problem) {
      // Reported when it returns something, or when it never uses its response (as an HTTP
      // handler it would never respond).
      if (findOwnReturns(handler).some((r) => r.node.argument) || body.isExpression() || !handler.res.referenced) {
        report(handler.path.node, 'not-an-http-handler', `left alone: registered or exported as an HTTP handler, but ${handler.problem}`);
      }
      continue;
    }
    // A response sent while a chain is built: respond-last reports it; awaiting would not help.
    if (findEagerResponses(handler, file).length > 0) continue;
    const { rewrites, handedOffAt } = collectRewrites(file, handler, options, report);
    if (handedOffAt) reportHandOff(file, handler, handedOffAt, report);
    if (rewrites.length > 0) addRewriteSites(handler, rewrites, file.source, sites, report);
  }
  return { sites, findings };
}

/** The returns of a handler to rewrite, and the first one left alone because the response is handed off. */
function collectRewrites(file: SourceFile, handler: Handler, options: TransformOptions, report: Reporter): { rewrites: Rewrite[]; handedOffAt: t.Node | null } {
  const rewrites: Rewrite[] = [];
  let handedOffAt: t.Node | null = null;
  const consider = (statementNode: t.Node, value: NodePath, rewrite: () => Rewrite) => {
    if (isDisabled(file.disabled, statementNode.loc!.start.line, NAME)) return;
    const verdict = judgeReturnValue(file, handler, value);
    if (verdict.action === 'report') report(statementNode, verdict.kind, verdict.message, verdict.severity);
    else if (verdict.action === 'handed-off') handedOffAt ??= statementNode;
    else if (verdict.action === 'rewrite') rewrites.push(rewrite());
  };
  const body = handler.path.get('body');
  if (body.isExpression()) {
    consider(body.node, body, () => rewriteConciseBody(file, handler, body, options));
    return { rewrites, handedOffAt };
  }
  for (const statement of findOwnReturns(handler)) {
    const value = statement.get('argument');
    if (!value.node || isDeadCode(handler.path.node.body, statement)) continue;
    if (isInTryWithCatch(handler, statement) && judgeReturnValue(file, handler, value as NodePath).action === 'rewrite') {
      if (!isDisabled(file.disabled, statement.node.loc!.start.line, NAME)) {
        report(
          statement.node,
          'return-in-try',
          'left alone: returns a promise inside a `try` whose `catch` would catch its rejection once awaited (today the platform answers it); await it and respond in the `try`, and decide what the `catch` should answer',
        );
      }
      continue;
    }
    consider(statement.node, value as NodePath, () => rewriteReturn(file, handler, statement, options));
  }
  return { rewrites, handedOffAt };
}

/** One finding for a handler whose returns were left alone because the response is handed off. */
function reportHandOff(file: SourceFile, handler: Handler, handedOffAt: t.Node, report: Reporter): void {
  const ownership = getOwnership(handler, file);
  if (!ownership.handedOff) return;
  // `return OrderService.get(req, res)` (or a concise body), or `return new Promise((resolve) => {...})`
  // whose executor uses the response: the handler delegates, and that is its only hand-off.
  const returned = handedOffAt.type === 'ReturnStatement' ? handedOffAt.argument : handedOffAt;
  const value = returned ? unwrap(returned) : null;
  const delegates = !!value && (value === ownership.node || (value.type === 'NewExpression' && value.arguments[0] === ownership.node));
  if (delegates && getHandOffs(handler, file, {}).length === 1) {
    report(
      handedOffAt,
      'response-handed-off',
      `left alone: the handler delegates to ${quoteSource(file.source, value!, 50)}, which holds the response; nothing is added`,
      'info',
    );
    return;
  }
  const where = ownership.node.loc ? ` (line ${ownership.node.loc.start.line}:${ownership.node.loc.start.column + 1})` : '';
  report(
    handedOffAt,
    'response-handed-off',
    `left alone: the response is handed off, ${ownership.reason}${where}; whatever holds it may respond, so no response is added and the returned value is left as it is`,
  );
}

/** The rewrites of one handler as sites, with the edits that make it async; reported instead when it cannot be. */
function addRewriteSites(handler: Handler, rewrites: readonly Rewrite[], source: string, sites: Site[], report: Reporter): void {
  const asyncEdits = ensureAsync(handler.path, source);
  if ('reason' in asyncEdits) {
    for (const rewrite of rewrites) report(rewrite.node, 'cannot-be-async', `left alone: the handler cannot be made async (${asyncEdits.reason})`);
    return;
  }
  if (asyncEdits.edits.length > 0 && handler.kind === 'express') {
    report(handler.path.node, 'express-handler-made-async', EXPRESS_ASYNC_MESSAGE, 'info');
  }
  for (const rewrite of rewrites) {
    sites.push({ transform: NAME, ...getPosition(rewrite.node), message: rewrite.message, edits: [...asyncEdits.edits, ...rewrite.edits] });
    for (const finding of rewrite.findings) report(rewrite.node, finding.kind, finding.message, finding.severity);
  }
}

export const definition = {
  name: NAME,
  description: 'await promises returned by HTTP handlers, then send a response',
  options: [RESPOND_OPTION],
  run,
};

export default createJscodeshiftTransform(definition);
