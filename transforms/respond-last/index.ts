/**
 * respond-last: once an HTTP function has responded, the platform may throttle or stop the
 * instance, so work after `res.send()` may never run. Move that work before the response, awaited.
 *
 *   exports.handler = (req, res) => {          exports.handler = async (req, res) => {
 *     res.send('ok');                     =>     // record the visit
 *     // record the visit                        await db.collection('visits').add(req.body);
 *     db.collection('visits').add(req.body);     res.send('ok');
 *   };                                         };
 *
 * Works in every block of a handler, callbacks using its response included (`.then` callbacks are
 * made async; other callbacks get the work moved but not awaited, with a finding). Leaves alone,
 * and reports: work that sends a second response, uses the response object, calls `next()` or
 * `process.exit()`, returns/throws/breaks out, or shares a variable with the response in a way the
 * order matters for; work after a statement that responds on every path (`try { res.json(r) }
 * catch { res.status(500).send() }`). Known-synchronous calls (`console.*`, loggers, `JSON.*`) are
 * moved but not awaited; console and firebase logger lines alone after the response stay: they run
 * at once, in the same turn. `// sendlast-disable-next-line respond-last` keeps a site.
 *
 * A response given to `.then`/`.catch`/`.finally` as a call (`work().then(res.send('ok'))`) is sent
 * as the chain is built, before the work settles: reported, and its handler left alone (by every
 * transform) until a person makes it a function.
 *
 * With the `server` platform (`--platform server`), a handler served by a standalone server
 * (`app.listen()`, `http.createServer()`) that no function registration reaches keeps its CPU
 * after responding: its work after the response runs, and is reported instead of moved.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { getAsyncEditsForAwait, getAwaitEdits } from '../lib/awaits';
import { isDisabled } from '../lib/disable';
import { createReporter, EXPRESS_ASYNC_MESSAGE, getPosition, quoteSource, type Reporter } from '../lib/findings';
import { findStatementLists, getPostResponse, type PostResponse } from '../lib/groups';
import type { FunctionNode, Handler } from '../lib/handlers';
import { createJscodeshiftTransform } from '../lib/jscodeshift';
import { PLATFORM_OPTION } from '../lib/options';
import { getMoveBeforeEdits } from '../lib/edit/move';
import { findEagerResponses, type EagerResponse } from '../lib/ownership';
import { getServerEvidence, type ServerEvidence } from '../lib/platform';
import {
  findMoveHazard,
  findMultilineLiterals,
  findOrderHazard,
  isExecutorSettleStatement,
  isImmediateLogStatement,
  judgeReturnAfterResponse,
} from './hazards';
import type { SourceFile } from '../lib/source-file';
import type { Finding, Site, TransformOptions, TransformResult } from '../lib/types';

const NAME = 'respond-last';

const RETURN_MESSAGES = {
  'second-response':
    'left alone: returns a second response after the response %; only the first response reaches the client, and Express throws ERR_HTTP_HEADERS_SENT',
  'hand-off': 'left alone: hands the response on after the response % was sent; whatever responds there sends a second response',
  rejection:
    "rejects after the response %: the client already has its response, and the rejection only reaches the platform's logs; left alone (moving it first would replace the response with an error)",
  value:
    'returns a value after the response %: if it is a promise, nothing awaits it, so its work may never run; await-then-send turns it into `await`, then respond-last moves it before the response (run both)',
};

interface Context {
  file: SourceFile;
  sites: Site[];
  report: Reporter;
  asyncHandlers: Set<t.Node>;
}

/**
 * The `await ` insertions for the moved work and the edits making its function async. When the
 * function cannot be made async, nothing is awaited and a finding says so.
 */
function planAwaits(context: Context, handler: Handler, post: PostResponse, response: string) {
  const awaits = getAwaitEdits(handler, post.work, context.file);
  if (awaits.length === 0) return { awaits, asyncEdits: [] };
  const fn = post.responders[0]!.getFunctionParent() as NodePath<FunctionNode>;
  const result = getAsyncEditsForAwait(handler, fn, context.file.source);
  if ('reason' in result) {
    context.report(
      awaits[0]!.node,
      'moved-not-awaited',
      `moved before the response ${response} without awaiting: ${result.reason}; check that this work finishes before the response is sent`,
    );
    return { awaits: [], asyncEdits: [] };
  }
  if (result.edits.length > 0 && fn.node === handler.path.node && handler.kind === 'express' && !context.asyncHandlers.has(fn.node)) {
    context.asyncHandlers.add(fn.node);
    context.report(fn.node, 'express-handler-made-async', EXPRESS_ASYNC_MESSAGE, 'info');
  }
  return { awaits, asyncEdits: result.edits };
}

function getSecondResponseMessage(response: string, reason: string): string {
  return `left alone: the work after the response ${response} ${reason}; only the first response reaches the client, and Express throws ERR_HTTP_HEADERS_SENT`;
}

function getEveryPathMessage(file: SourceFile, post: PostResponse): string {
  return `runs after a response is sent on every path through ${quoteSource(file.source, post.responders[0]!.node)}, so it may never run; not rewritten (there is no single response to move it before): move it before each response by hand`;
}

/**
 * `--platform server`, a handler served by a standalone server: the server keeps its CPU after
 * responding, so the work after the response runs; moved, it would only delay the response. It is
 * reported, not moved. Work that sends a second response, and a second response, hand-off or
 * rejection returned after the response, are reported as on every platform.
 */
function reportServerWork(context: Context, handler: Handler, post: PostResponse, evidence: ServerEvidence): void {
  const { file } = context;
  const first = post.responders[0]!;
  const response = quoteSource(file.source, post.kind === 'group' ? (first.node as t.ExpressionStatement).expression : first.node);
  const returned = judgeReturnAfterResponse(handler, post.terminator);
  if (returned && returned !== 'value') {
    if (post.kind === 'group') context.report(post.terminator!.node, `return-after-response-${returned}`, RETURN_MESSAGES[returned].replace('%', response));
    else if (post.work.length === 0) context.report(post.terminator!.node, 'work-after-every-path-response', getEveryPathMessage(file, post));
  }
  if (post.work.length === 0) return;
  const hazard = findMoveHazard(handler, file.source, post.responders, post.work);
  if (hazard?.kind === 'double-response') {
    context.report(hazard.node, 'second-response', getSecondResponseMessage(response, hazard.reason));
    return;
  }
  const served =
    evidence.node.type === 'CallExpression' ? `${quoteSource(file.source, evidence.node.callee).slice(0, -1)}(...)\`` : quoteSource(file.source, evidence.node);
  const line = evidence.node.loc ? `, line ${evidence.node.loc.start.line}` : '';
  context.report(
    post.work[0]!.node,
    'work-after-response-on-server',
    `left where it is (--platform server): this handler is served by a standalone server (${served}${line}) that keeps its CPU after responding, and no function registration reaches it, so the work after the response ${response} runs; moving it before the response would only delay the response`,
    'info',
  );
}

/**
 * Where `statement` ends, with the empty statements right after it (`try { ... } catch { ... };`,
 * `res.send(x);;`): they stay with it when code moves, rather than being left behind as a stray `;`.
 */
function getEndWithEmptyStatements(statement: NodePath<t.Statement>): number {
  let end = statement.node.end!;
  for (const next of statement.getAllNextSiblings()) {
    if (!next.isEmptyStatement()) break;
    end = next.node.end!;
  }
  return end;
}

/**
 * Nothing after the response that could be lost: `resolve()` of a promise executor, console and
 * firebase logger lines (`res.status(500).send(msg); console.error(err);`). They run at once, in
 * the same turn as the response.
 */
function isNothingToLose(work: readonly NodePath<t.Statement>[]): boolean {
  return work.every((statement) => statement.isEmptyStatement() || isExecutorSettleStatement(statement) || isImmediateLogStatement(statement));
}

/** Move the work of one response group before it, or report why not. */
function rewriteGroup(context: Context, handler: Handler, post: PostResponse): void {
  const { file } = context;
  const { source } = file;
  const responders = post.responders;
  const first = responders[0]!;
  const last = responders[responders.length - 1]!;
  const response = quoteSource(source, (first.node as t.ExpressionStatement).expression);
  const returned = judgeReturnAfterResponse(handler, post.terminator);
  if (returned) context.report(post.terminator!.node, `return-after-response-${returned}`, RETURN_MESSAGES[returned].replace('%', response));
  const work = post.work;
  if (work.length === 0) return;
  if (isNothingToLose(work)) return;
  const hazard = findMoveHazard(handler, source, responders, work) ?? findOrderHazard(file, handler, responders, work);
  if (hazard) {
    const message =
      hazard.kind === 'double-response'
        ? getSecondResponseMessage(response, hazard.reason)
        : `left alone: the work after the response ${response} ${hazard.reason}, so moving it before the response is not provably safe; it may never run once the response is sent`;
    context.report(hazard.node, hazard.kind === 'double-response' ? 'second-response' : 'unsafe-to-move', message);
    return;
  }
  const { awaits, asyncEdits } = planAwaits(context, handler, post, response);
  // Empty statements right after the response stay with it (see getEndWithEmptyStatements).
  const firstWork = work.find((statement) => !statement.isEmptyStatement());
  if (!firstWork) return;
  const moved = { start: firstWork.node.start!, end: getEndWithEmptyStatements(work[work.length - 1]!) };
  const comments = (file.ast.comments ?? []).map((c) => ({ start: c.start ?? 0, end: c.end ?? 0 }));
  const moveEdits = getMoveBeforeEdits({
    source,
    comments,
    target: { start: first.node.start!, end: getEndWithEmptyStatements(last) },
    moved,
    editsInMoved: awaits.flatMap((a) => a.edits),
    protectedRanges: [...findMultilineLiterals(work), ...comments.filter((c) => c.start >= moved.start && c.end <= moved.end)],
  });
  if (!moveEdits) {
    context.report(
      work[0]!.node,
      'comment-shares-line',
      `left alone: a comment shares a line with the response ${response} and the work after it; move the work by hand`,
    );
    return;
  }
  context.sites.push({
    transform: NAME,
    ...getPosition(first.node),
    message: `moves the work after the response before it${awaits.length > 0 ? ', awaited' : ''}`,
    edits: [...asyncEdits, ...moveEdits],
  });
}

/** Why a response given to `.then(...)` as a call is sent too early, and what to write instead. */
function getEagerMessage(file: SourceFile, eager: EagerResponse): string {
  const callee = eager.chain.node.callee as t.MemberExpression;
  const work = quoteSource(file.source, callee.object, 50);
  const response = quoteSource(file.source, eager.response.node, 50);
  const when = eager.onRejection ? 'rejects' : eager.method === 'finally' ? 'settles' : 'resolves';
  const outcome = eager.onRejection ? 'whether it fails or not' : 'even if it fails';
  const suggestion =
    eager.method === 'then' && eager.onRejection ? '.then(..., (err) => ...)' : `.${eager.method}(${eager.onRejection ? '(err)' : '()'} => ...)`;
  return (
    `left alone: ${response} is called as the chain is built, not when ${work} ${when}: \`.${eager.method}()\` is given its result, not a function, ` +
    `so the client gets this response at once, while the work still runs, ${outcome}; pass a function: \`${suggestion}\`. ` +
    'sendlast changes nothing else in this handler until then'
  );
}

export function run(file: SourceFile, options: TransformOptions): TransformResult {
  const findings: Finding[] = [];
  const context: Context = {
    file,
    sites: [],
    asyncHandlers: new Set(),
    report: createReporter(file.disabled, NAME, findings),
  };
  const seen = new Set<t.Node>();
  for (const handler of file.handlers) {
    if (handler.problem) continue;
    const eager = findEagerResponses(handler, file);
    if (eager.length > 0) {
      for (const response of eager) context.report(response.response.node, 'response-sent-eagerly', getEagerMessage(file, response));
      continue;
    }
    const server = options.platform === 'server' ? getServerEvidence(handler) : null;
    for (const list of findStatementLists(handler)) {
      if (seen.has(list.owner.node)) continue;
      seen.add(list.owner.node);
      const post = getPostResponse(handler, list.statements);
      if (!post) continue;
      const firstWork = post.work[0] ?? post.terminator;
      const lines = [post.responders[0]!, firstWork].map((p) => p?.node.loc?.start.line);
      if (lines.some((line) => line !== undefined && isDisabled(file.disabled, line, NAME))) continue;
      if (server) {
        reportServerWork(context, handler, post, server);
      } else if (post.kind === 'group') {
        rewriteGroup(context, handler, post);
      } else if ((post.work[0] && !isNothingToLose(post.work)) || judgeReturnAfterResponse(handler, post.terminator)) {
        context.report((post.work[0] ?? post.terminator)!.node, 'work-after-every-path-response', getEveryPathMessage(file, post));
      }
    }
  }
  return { sites: context.sites, findings };
}

export const definition = {
  name: NAME,
  description: 'move work that runs after the response before it, awaited',
  options: [PLATFORM_OPTION],
  run,
};

export default createJscodeshiftTransform(definition);
