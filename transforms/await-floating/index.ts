/**
 * await-floating: a promise nobody waits for is work that may not finish before the response (the
 * platform throttles the CPU once it is sent), and whose rejection may leave the request hanging.
 * Await it where the handler starts it.
 *
 *   functions.http('publish', (req, res) => {       functions.http('publish', async (req, res) => {
 *     topic.publishMessage({ data });          =>     await topic.publishMessage({ data });
 *     res.status(200).send('queued');                 res.status(200).send('queued');
 *   });                                             });
 *
 * Only expressions the shared inference proves to be promises are touched, in the handler's own
 * body and in the body of a middleware callback it hands its request and response to
 * (`cors(req, res, () => {...})`): expression statements (`await` added), chains that respond in
 * `.then` without a rejection path (awaited, with a finding on what a rejection now does), async
 * `forEach` callbacks (`await Promise.all(xs.map(...))`), promises stored in a variable nobody
 * reads (awaited at the declaration) and local helpers that leave their own writes floating.
 *
 * Leaves alone, and reports: calls whose promise-ness is unknown, `void p()` before a response
 * (explicit fire-and-forget), chains that send a response some other code may also send, calls
 * that receive the response, handlers whose response is handed off elsewhere. Chains that respond
 * on both paths (`.then(send).catch(sendError)`) already terminate: left alone silently.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { isDisabled } from '../lib/disable';
import { createReporter, EXPRESS_ASYNC_MESSAGE, getPosition, quoteSource, type Reporter } from '../lib/findings';
import { isFunctionNode, type FunctionNode, type Handler } from '../lib/handlers';
import { createJscodeshiftTransform } from '../lib/jscodeshift';
import { getPropertyName, isGlobalMethodCall } from '../lib/modules';
import { findEagerResponses, getHandOffs, SYNCHRONOUS_ARRAY_METHODS } from '../lib/ownership';
import { getCalledFunction, getPromiseKind, getValue } from '../lib/promises';
import { getAsyncForEach, getForEachAwaitEdits, getForEachDroppingPromises, type AsyncForEach, type ForEachDroppingPromises } from '../lib/foreach';
import {
  getChainTop,
  getResponseCall,
  isNextCallExpression,
  isNextRef,
  isResponseRef,
  mayHaveRespondedBefore,
  mayRespondAfter,
  referencesNext,
  referencesResponse,
} from '../lib/responses';
import { isRespondedBefore } from '../lib/groups';
import { isKnownSynchronousCall } from '../lib/awaits';
import type { SourceFile } from '../lib/source-file';
import { ensureAsync, isDeadCode, isTailPosition, needsParensForAwait } from '../lib/edit/statements';
import { getStatusLiteral } from '../lib/status';
import { ENDING_METHODS, IDENTIFYING_METHODS } from '../lib/response-members';
import type { Finding, Site, TextEdit, TransformOptions, TransformResult } from '../lib/types';

const NAME = 'await-floating';

/** A function whose body the rewrite treats as the handler's own: the handler, or a middleware callback. */
interface Body {
  fn: NodePath<FunctionNode>;
  /** The call that takes the callback (`cors(req, res, () => {...})`), for a middleware callback. */
  wrapper: NodePath<t.CallExpression> | null;
}

/** One planned rewrite in a body. */
interface Plan {
  statement: t.Node;
  body: Body;
  edits: TextEdit[];
  message: string;
  /** The outermost call of a chain that uses the response (it will be awaited). */
  awaitedChain: t.Node | null;
  finding: { kind: string; message: string; severity: 'warning' | 'info' } | null;
}

interface Context {
  file: SourceFile;
  handler: Handler;
  report: Reporter;
  /** Every handler's own function, for deciding whether a local helper is only called from handlers. */
  handlerNodes: ReadonlySet<t.Node>;
  /** Calls whose promise-ness is unknown: reported unless the whole handler is left alone for another reason. */
  unknown: { node: t.Node; message: string }[];
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * Servers that ignore the promise an async handler returns (Express 4's `Layer.handle_request`,
 * Node's `http.Server` 'request' event): once the work is awaited, its rejection is unhandled
 * and (Node >= 15) stops the process before the response, where the floating version had sent it.
 */
const UNCAUGHT_REJECTION_MESSAGE = {
  express:
    'awaited work in an async Express route: Express 4 does not catch a rejected route promise, so if this work fails the request gets no response (and an unhandled rejection stops the process); catch it and respond with an error, or use Express 5, which passes it to the error-handling middleware',
  'node-http':
    "awaited work in an async Node http listener: the server ignores the listener's promise, so if this work fails the rejection is unhandled and stops the process before the response is sent; catch it and respond with an error",
} as const;

/** The statements of a function's own body, nested blocks included, nested functions excluded. */
function collectStatements(fn: NodePath<FunctionNode>): NodePath<t.Statement>[] {
  const found: NodePath<t.Statement>[] = [];
  const body = fn.get('body');
  if (!body.isBlockStatement()) return found;
  body.traverse({
    Function(path) {
      path.skip();
    },
    ExpressionStatement(path) {
      found.push(path);
    },
    VariableDeclaration(path) {
      found.push(path);
    },
  });
  return found;
}

/**
 * Middleware callbacks that are the real handler body: a call passed the response and, as its
 * last argument, a function, where the call is known to be a middleware that calls back and
 * returns nothing (`cors(options)`'s middleware, Express body parsers).
 */
function findBodies(context: Context): Body[] {
  const { handler, file } = context;
  const bodies: Body[] = [{ fn: handler.path, wrapper: null }];
  for (let i = 0; i < bodies.length; i++) {
    const fn = bodies[i]!.fn;
    const body = fn.get('body');
    if (!body.isBlockStatement()) continue;
    body.traverse({
      Function(path) {
        path.skip();
      },
      CallExpression(call) {
        const args = call.get('arguments');
        const last = args[args.length - 1];
        if (!last?.isFunction() || !args.some((arg) => isResponseRef(handler, arg))) return;
        if (getValue(call.get('callee'), file).t !== 'plain-function') return;
        // `cors(req, res, cb).catch(...)` reads what the middleware returns right after it returns:
        // awaited, the callback would return earlier than it does now.
        const candidate: Body = { fn: last as NodePath<FunctionNode>, wrapper: call };
        if (call.parentPath.isExpressionStatement() || call.parentPath.isReturnStatement()) bodies.push(candidate);
        else reportUsedWrapperResult(context, candidate);
      },
    });
  }
  return bodies;
}

/** A middleware callback left alone because the middleware's result is used: reported when it leaves promises floating. */
function reportUsedWrapperResult(context: Context, body: Body): void {
  const plans: Plan[] = [];
  planBody({ ...context, report: () => {}, unknown: [] }, body, plans);
  if (plans.length === 0) return;
  const wrapper = body.wrapper!;
  const parent = wrapper.parentPath;
  const use = parent.isMemberExpression() ? `\`.${getPropertyName(parent.node) ?? '...'}(...)\`` : quoteSource(context.file.source, parent.node, 50);
  context.report(
    plans[0]!.statement,
    'middleware-result-used',
    `left alone: a promise here is not awaited, but what ${quoteSource(context.file.source, wrapper.node.callee)}(...) returns is used as soon as it returns (${use}); awaited, this callback would return before it responds and that code would run first: await the work and respond without relying on the middleware's result`,
  );
}

/** `await ` before `expression`, with parentheses when it needs them. */
function getAwaitInsertion(expression: t.Node): TextEdit[] {
  const start = expression.start!;
  if (!needsParensForAwait(expression)) return [{ start, end: start, text: 'await ' }];
  return [
    { start, end: start, text: 'await (' },
    { start: expression.end!, end: expression.end!, text: ')' },
  ];
}

/** How a promise chain treats the response: in its success callbacks, its rejection callbacks, both. */
interface ChainShape {
  /** The callbacks of `.then` (first argument) or `.finally` use the response. */
  successResponds: boolean;
  /** A `.catch`, a second `.then` argument or a `.finally` uses the response. */
  failureResponds: boolean;
  /** Some `.catch` or second `.then` argument handles rejections. */
  handlesRejection: boolean;
}

function getChainShape(handler: Handler, expression: NodePath): ChainShape {
  const shape: ChainShape = { successResponds: false, failureResponds: false, handlesRejection: false };
  let current: NodePath = expression;
  while (current.isCallExpression()) {
    const callee = current.get('callee');
    if (!callee.isMemberExpression()) break;
    const method = getPropertyName(callee.node);
    if (method === null || !CHAIN_METHODS.has(method)) break;
    const args = current.get('arguments');
    // The statement's own (outermost) call: what its callbacks return goes nowhere.
    const valueDiscarded = current === expression;
    // `.catch(next)` passes the error on, and `.then(() => next())` passes control on: either
    // ends the request in this handler as surely as responding.
    const uses = (index: number) =>
      !!args[index] &&
      !sendsNothing(handler, args[index]!, valueDiscarded) &&
      (referencesResponse(handler, args[index]!) || isNextRef(handler, args[index]!) || referencesNext(handler, args[index]!));
    if (method === 'then') {
      shape.successResponds ||= uses(0);
      shape.failureResponds ||= uses(1);
      shape.handlesRejection ||= !!args[1];
    } else if (method === 'catch') {
      shape.failureResponds ||= uses(0);
      shape.handlesRejection ||= !!args[0];
    } else if (uses(0)) {
      shape.successResponds = true;
      shape.failureResponds = true;
    }
    current = callee.get('object');
  }
  return shape;
}

/**
 * A callback that uses the response but can never send it: no ending call on it (`send`, `json`,
 * `end`...), no `next`, and it is not handed to anything (`.catch(() => { res.status(404); })`
 * sets a status and sends nothing). With `valueDiscarded` (nothing reads what the callback
 * returns), a concise body that only sets something on the response (`.catch(() => res.status(500))`)
 * sends nothing either.
 */
function sendsNothing(handler: Handler, callback: NodePath, valueDiscarded: boolean): boolean {
  if (!callback.isFunction()) return false;
  const conciseBody = valueDiscarded && callback.isArrowFunctionExpression() ? callback.node.body : null;
  let sends = false;
  callback.traverse({
    Identifier(path) {
      if (sends || !path.isReferencedIdentifier()) return;
      if (isNextRef(handler, path)) sends = true;
      else if (isResponseRef(handler, path) && !isNonEndingUse(handler, path, conciseBody)) sends = true;
      if (sends) path.stop();
    },
  });
  return !sends;
}

/**
 * `res.status(404)`, `res.set(h, v)`: a call chain on the response with no ending method in it,
 * whose value goes nowhere (a statement of its own, or `discardedBody`, a concise arrow body whose
 * value nobody reads).
 */
function isNonEndingUse(handler: Handler, ref: NodePath, discardedBody: t.Node | null): boolean {
  const top = getChainTop(ref);
  const call = top.isCallExpression() ? getResponseCall(handler, top) : null;
  if (!call || call.chain.some((method) => ENDING_METHODS.has(method))) return false;
  return !!top.parentPath?.isExpressionStatement() || (discardedBody !== null && top.node === discardedBody);
}

/**
 * Does the handler return a value of its own (`return save(x)`)? await-then-send leaves such a
 * return alone while a floating chain holds the response; awaiting the chain would make it rewrite
 * the return on the next run.
 */
function returnsValue(handler: Handler): boolean {
  let found = false;
  handler.path.get('body').traverse({
    Function(path) {
      path.skip();
    },
    ReturnStatement(path) {
      const argument = path.node.argument;
      if (argument && argument.type !== 'Identifier' && !referencesResponse(handler, path.get('argument') as NodePath)) found = true;
    },
  });
  return found;
}

/**
 * The first `catch` between the statement and its body function that would receive the awaited
 * promise's rejection but does not treat it as an error (it answers success, logs and carries on,
 * or does something sendlast cannot judge). Today that rejection escapes the `try`; once awaited
 * it would land there. A `catch` that throws, calls `next(err)` or answers only with error
 * statuses (>= 400) is what the author wrote for failures: awaiting into it is the fix.
 */
function findUnfitCatch(handler: Handler, fn: NodePath<FunctionNode>, statement: NodePath): t.CatchClause | null {
  for (let current: NodePath = statement; current.parentPath && current.node !== fn.node; current = current.parentPath) {
    const parent = current.parentPath;
    if (!parent.isTryStatement() || current.key !== 'block' || !parent.node.handler) continue;
    const clause = parent.get('handler') as NodePath<t.CatchClause>;
    if (!catchTreatsAsError(handler, clause)) return clause.node;
  }
  return null;
}

function catchTreatsAsError(handler: Handler, clause: NodePath<t.CatchClause>): boolean {
  const { start, end } = clause.node;
  let ends = false;
  for (const ref of handler.res.referencePaths) {
    if ((ref.node.start ?? -1) < (start ?? 0) || (ref.node.end ?? 0) > (end ?? 0)) continue;
    const status = getChainStatus(ref);
    if (status === 'unknown' || status < 400) return false;
    ends = true;
  }
  clause.get('body').traverse({
    Function(path) {
      path.skip();
    },
    ThrowStatement() {
      ends = true;
    },
    CallExpression(path) {
      if (isNextRef(handler, path.get('callee') as NodePath) || isGlobalMethodCall(path, 'Promise', 'reject')) ends = true;
    },
  });
  return ends;
}

/** The status a response chain starting at `ref` sends (`res.status(500).send(e)` -> 500), 200 when none is set, or unknown. */
function getChainStatus(ref: NodePath): number | 'unknown' {
  let status: number | null = null;
  let ending = false;
  let current: NodePath = ref;
  for (;;) {
    const member = current.parentPath;
    if (!member?.isMemberExpression() || member.node.object !== current.node) break;
    const call = member.parentPath;
    if (!call?.isCallExpression() || call.node.callee !== member.node) return 'unknown';
    const method = getPropertyName(member.node);
    if (method === 'status' || method === 'sendStatus' || method === 'writeHead') {
      const literal = getStatusLiteral(call.node.arguments[0]);
      if (literal === null) return 'unknown';
      status = literal;
    }
    if (method === 'sendStatus' || method === 'send' || method === 'json' || method === 'end' || method === 'jsonp' || method === 'sendFile') ending = true;
    else if (method === 'redirect') return 302;
    else if (method !== 'status' && method !== 'set' && method !== 'header' && method !== 'setHeader' && method !== 'type' && method !== 'writeHead')
      return 'unknown';
    current = call;
  }
  if (!ending) return status ?? 'unknown';
  return status ?? 200;
}

/**
 * What an unhandled rejection does to a request. The Functions Framework (which serves Cloud
 * Functions and Firebase functions, and an Express app they are given) listens for
 * `unhandledRejection`: it sends its 500 crash response to the latest request and exits. Node 15 and
 * later stop the process on one, unless a listener keeps it alive.
 */
const UNHANDLED_REJECTION =
  'gets the latest request a 500 and a restart of the instance under the Functions Framework (Cloud Functions, Firebase), and stops a standalone server process (or leaves the request hanging where an `unhandledRejection` listener keeps it running)';

/**
 * What a rejection of a chain awaited in `body` would do, by how the handler is served (read from
 * each platform's source): what the platform `now` does with it, or what calls the body and
 * `ignoredBy` the promise it returns (a middleware that takes a callback, `cors(req, res, () =>
 * {...})`; Node's http server), so that awaiting changes nothing.
 */
function getRejectionOutcome(file: SourceFile, handler: Handler, body: Body): { now: string } | { ignoredBy: string } {
  if (body.wrapper) return { ignoredBy: `${quoteSource(file.source, body.wrapper.node.callee)} ignores its callback's promise` };
  switch (handler.kind) {
    case 'firebase':
      return { now: 'firebase-functions answers a rejected handler with 500 Internal Server Error when nothing was sent (withErrorHandler)' };
    case 'functions-framework':
    case 'export':
      return { now: 'the Functions Framework answers a rejected handler with 500 (its crash response) when nothing was sent' };
    case 'express':
      return {
        now:
          'Express 5 passes the rejection to the error-handling middleware (500 by default); Express 4 does not catch it, and the unhandled rejection ' +
          `${UNHANDLED_REJECTION}: add a \`.catch\` that responds`,
      };
    case 'node-http':
      return { ignoredBy: "Node's http server ignores the handler's promise" };
  }
}

/** Plans for the statements of one body. */
function planBody(context: Context, body: Body, plans: Plan[]): void {
  const { file, handler, report } = context;
  for (const statement of collectStatements(body.fn)) {
    if (isDisabled(file.disabled, statement.node.loc!.start.line, NAME)) continue;
    if (isDeadCode(body.fn.node.body, statement) || isRespondedBefore(handler, statement)) continue;
    if (statement.isVariableDeclaration()) {
      const before = plans.length;
      planDeclaration(context, body, statement, plans);
      if (plans.length > before) keepOutOfUnfitCatch(context, body, statement, plans, before);
      continue;
    }
    if (!statement.isExpressionStatement()) continue;
    const expression = statement.get('expression');
    const before = plans.length;
    if (expression.isUnaryExpression({ operator: 'void' })) {
      const argument = expression.get('argument');
      if (getPromiseKind(argument, file) === 'promise' && respondsLater(handler, statement)) {
        report(
          statement.node,
          'void-before-response',
          `left alone: ${quoteSource(file.source, argument.node)} is discarded with \`void\` on purpose, but the response is sent after it and the platform may stop the work once it is; await it if it must finish`,
        );
      }
      continue;
    }
    const forEach = getAsyncForEach(expression, file);
    if (forEach) {
      planForEach(context, body, statement, forEach, plans);
      if (plans.length > before) keepOutOfUnfitCatch(context, body, statement, plans, before);
      continue;
    }
    const dropping = getForEachDroppingPromises(expression, file);
    if (dropping) {
      planForEachDroppingPromises(context, body, statement, dropping, plans);
      if (plans.length > before) keepOutOfUnfitCatch(context, body, statement, plans, before);
      continue;
    }
    const kind = getPromiseKind(expression, file);
    if (expression.isAssignmentExpression()) {
      if (kind === 'promise' && respondsLater(handler, statement)) reportStoredPromise(context, statement, expression);
      continue;
    }
    if (kind === 'promise') {
      planPromise(context, body, statement, expression, plans);
    } else if (planHelper(context, body, statement, expression, plans)) {
      continue;
    } else if (isCallbackWork(handler, expression) && respondsLater(handler, statement)) {
      report(
        statement.node,
        'callback-work-before-response',
        `left alone: ${quoteSource(file.source, (expression.node as t.CallExpression).callee)}(...) reports through its error-first callback, which nothing waits for: the response sent after it can go first, and the platform may stop the work once it has; use the call's promise form and await it, or respond in the callback`,
      );
    } else if (kind === 'unknown' && isWorkCall(handler, expression)) {
      context.unknown.push({
        node: statement.node,
        message: `left alone: cannot tell whether ${quoteSource(file.source, expression.node)} returns a promise; if it does, it is not awaited and may not finish before the response`,
      });
    }
    if (plans.length > before) keepOutOfUnfitCatch(context, body, statement, plans, before);
  }
}

/**
 * `user = createUser(...)`: the promise is stored, not dropped. Awaiting the assignment would keep
 * the variable a promise, and `user = await ...` would change what it holds for the code that
 * reads it: which one is meant is the author's call.
 */
function reportStoredPromise(context: Context, statement: NodePath<t.ExpressionStatement>, expression: NodePath<t.AssignmentExpression>): void {
  const target = quoteSource(context.file.source, expression.node.left);
  context.report(
    statement.node,
    'promise-stored',
    `left alone: ${target} is given a promise that nothing awaits before the response is sent; await it where it is used, or store the result (\`${context.file.source.slice(expression.node.left.start!, expression.node.left.end!)} = await ...\`) if the code that reads it expects one`,
  );
}

/** Drops the plans just made for `statement` when awaiting would send its rejection into a `catch` not written for it. */
function keepOutOfUnfitCatch(context: Context, body: Body, statement: NodePath, plans: Plan[], before: number): void {
  const clause = findUnfitCatch(context.handler, body.fn, statement);
  if (!clause) return;
  plans.splice(before);
  context.report(
    statement.node,
    'floating-in-try',
    `left alone: awaited, this promise's rejection would go to the \`catch\` on line ${clause.loc!.start.line}, which does not answer it as an error (today the rejection escapes the \`try\`); await it and decide what that \`catch\` should send`,
  );
}

/** A call statement that may start work: not a response call, not known synchronous, not passed the response. */
function isWorkCall(handler: Handler, expression: NodePath): boolean {
  if (!expression.isCallExpression() && !expression.isNewExpression()) return false;
  if (referencesResponse(handler, expression) || isKnownSynchronousCall(handler, expression)) return false;
  // A callback-style call (`emitter.on('x', cb)`, `client.get(key, cb)`) reports through its callback.
  const args = expression.node.arguments;
  if (args.length > 0 && isFunctionNode(args[args.length - 1])) return false;
  return !isNextCallExpression(handler, expression);
}

/** Methods that register a listener: their callback is not the completion of work the call starts. */
const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

/** The first parameter of a Node-style completion callback: `(err) =>`, `function (error, info)`, `(writeError) =>`. */
const ERROR_PARAMETER = /^(?:e|er|err|error|ex)$|(?:Err|Error)$/;

/**
 * A call that starts work and reports its end through an error-first callback given as its last
 * argument (`transporter.sendMail(opts, (error, info) => ...)`, `fs.writeFile(f, data, (err) => ...)`),
 * whose callback leaves the response alone: the call returns before the work ends.
 */
function isCallbackWork(handler: Handler, expression: NodePath): boolean {
  if (!expression.isCallExpression()) return false;
  const args = expression.get('arguments');
  const callback = args[args.length - 1];
  if (!callback || !(callback.isFunctionExpression() || callback.isArrowFunctionExpression())) return false;
  const first = callback.node.params[0];
  if (first?.type !== 'Identifier' || !ERROR_PARAMETER.test(first.name)) return false;
  const callee = expression.node.callee;
  const method = callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
  // Listeners and array methods take callbacks too, but none that completes work.
  if (method !== null && (LISTENER_METHODS.has(method) || SYNCHRONOUS_ARRAY_METHODS.has(method))) return false;
  if (isKnownSynchronousCall(handler, expression) || isNextCallExpression(handler, expression)) return false;
  return !referencesResponse(handler, expression) && !referencesNext(handler, expression);
}

/**
 * Is a response sent somewhere after the statement in the handler (by position), other than in the
 * `else` branch of an `if` whose other branch holds the statement (`if (ok) { chain } else { res.send() }`)?
 */
function respondsLater(handler: Handler, statement: NodePath): boolean {
  const end = statement.node.end ?? 0;
  const exclusive: t.Node[] = [];
  for (let current: NodePath = statement; current.parentPath && current.node !== handler.path.node; current = current.parentPath) {
    const parent = current.parentPath;
    if (parent.isIfStatement() && current.key === 'consequent' && parent.node.alternate) exclusive.push(parent.node.alternate);
  }
  return handler.res.referencePaths.some((ref) => {
    const start = ref.node.start ?? 0;
    return start >= end && !exclusive.some((branch) => start >= (branch.start ?? 0) && start < (branch.end ?? 0));
  });
}

function planPromise(context: Context, body: Body, statement: NodePath<t.ExpressionStatement>, expression: NodePath, plans: Plan[]): void {
  const { file, handler, report } = context;
  const quoted = quoteSource(file.source, expression.node);
  const add = (message: string, awaitedChain: t.Node | null, finding: Plan['finding']) =>
    plans.push({ statement: statement.node, body, edits: getAwaitInsertion(expression.node), message, awaitedChain, finding });
  if (!referencesResponse(handler, expression)) {
    add('awaits a promise nobody waited for', null, null);
    return;
  }
  const shape = getChainShape(handler, expression);
  if (!shape.successResponds && !shape.failureResponds) {
    report(
      statement.node,
      'response-passed-to-floating-call',
      `left alone: ${quoted} is a promise nobody waits for and it receives the response; awaiting it could change which response the client gets`,
    );
    return;
  }
  const elsewhere = mayHaveRespondedBefore(handler, statement) || mayRespondAfter(handler, statement) || respondsLater(handler, statement);
  // Responding on both paths ends the request, unless the handler responds elsewhere too.
  if (shape.successResponds && shape.failureResponds && !elsewhere) return;
  if (elsewhere || returnsValue(handler)) {
    report(
      statement.node,
      'floating-chain-responds',
      `left alone: ${quoted} responds in a callback nobody waits for, and the handler may also respond elsewhere; awaiting it could change which response the client gets`,
    );
    return;
  }
  if (!isTailPosition(statement, body.fn.node.body)) {
    report(
      statement.node,
      'floating-chain-responds',
      `left alone: ${quoted} responds in a callback nobody waits for, and more code follows it; awaited, that code would run after the response instead of before it: await the chain at the end of the handler, or move the response after that code`,
    );
    return;
  }
  if (!shape.successResponds) {
    report(
      statement.node,
      'floating-chain-responds',
      `left alone: ${quoted} responds only when it rejects, and nothing else responds after it; decide what the success path should send`,
    );
    return;
  }
  if (!shape.handlesRejection) {
    // Where what calls the body ignores its promise, awaiting changes nothing: the rejection stays
    // unhandled, and the chain's work runs where it ran, before or after its response.
    const outcome = getRejectionOutcome(file, handler, body);
    if ('ignoredBy' in outcome) {
      report(
        statement.node,
        'rejection-not-handled',
        `left alone: ${quoted} responds in \`.then\` but has no rejection path, and ${outcome.ignoredBy}, so awaiting it would change nothing: its rejection ${UNHANDLED_REJECTION}; add a \`.catch\` that responds`,
      );
      return;
    }
    add('awaits a chain that responds, so a rejection reaches the platform', expression.node, {
      kind: 'rejection-now-reaches-platform',
      severity: 'info',
      message: `awaited a chain that responds in \`.then\` but has no rejection path: its rejection used to be unhandled; now ${outcome.now}`,
    });
    return;
  }
  add('awaits a chain that responds', expression.node, {
    kind: 'catch-does-not-respond',
    severity: 'warning',
    message: `awaited ${quoted}; its rejection handler sends no response, so a rejection still leaves the request without one: respond there`,
  });
}

/** Why a forEach over this receiver is left to the user: it may not be an array. */
function describeUnknownReceiver(file: SourceFile, forEach: AsyncForEach): string {
  const object = forEach.callee.node.object;
  const text = file.source.slice(object.start!, object.end!);
  const receiver = /^[\w$.]{1,30}$/.test(text) ? text : 'snapshot';
  return forEach.sdkType === 'firestore.QuerySnapshot'
    ? `\`${receiver}\` is a Firestore QuerySnapshot, whose \`forEach\` waits for nothing; await \`Promise.all(${receiver}.docs.map(...))\` by hand`
    : `sendlast cannot tell whether the receiver is an array (a QuerySnapshot has \`docs\`); await \`Promise.all(items.map(...))\` by hand`;
}

function planForEach(context: Context, body: Body, statement: NodePath<t.ExpressionStatement>, forEach: AsyncForEach, plans: Plan[]): void {
  const { file, handler, report } = context;
  const quoted = quoteSource(file.source, forEach.call.node);
  if (referencesResponse(handler, forEach.call)) {
    report(
      statement.node,
      'async-foreach-responds',
      `left alone: the async callback of ${quoted} uses the response; rewrite it by hand so the handler responds once, after every callback`,
    );
    return;
  }
  if (!forEach.array) {
    report(
      statement.node,
      'async-foreach-unknown-receiver',
      `left alone: the callback of ${quoted} returns a promise nobody waits for, but ${describeUnknownReceiver(file, forEach)}`,
    );
    return;
  }
  const edits = getForEachAwaitEdits(forEach);
  if (!edits) return;
  plans.push({
    statement: statement.node,
    body,
    edits,
    message: 'awaits every callback of an async forEach (Promise.all over map: same concurrency)',
    awaitedChain: null,
    finding: null,
  });
}

/**
 * `xs.forEach((x) => { promiseCall(x); })`: over an array, with that one statement as the body,
 * the callback returns the promise and the handler awaits them all; otherwise it is reported.
 */
function planForEachDroppingPromises(
  context: Context,
  body: Body,
  statement: NodePath<t.ExpressionStatement>,
  forEach: ForEachDroppingPromises,
  plans: Plan[],
): void {
  const { file, handler, report } = context;
  const quoted = quoteSource(file.source, forEach.call.node);
  if (forEach.floating.length === 0) {
    if (respondsLater(handler, statement)) {
      const discarded = quoteSource(file.source, forEach.discarded[0]!.node);
      report(
        statement.node,
        'void-before-response',
        `left alone: the callback of ${quoted} discards ${discarded} with \`void\` on purpose, but the response is sent after it and the platform may stop the work once it is; return it from the callback and await \`Promise.all\` over \`map\` if it must finish`,
      );
    }
    return;
  }
  const dropped = quoteSource(file.source, forEach.floating[0]!.node.expression);
  const problem = `the callback of ${quoted} starts ${dropped} and drops its promise, so the work may still be running when the response goes out`;
  if (referencesResponse(handler, forEach.call)) {
    report(statement.node, 'foreach-drops-promise', `left alone: ${problem}, and the callback uses the response; rewrite it by hand`);
    return;
  }
  if (!forEach.array) {
    report(statement.node, 'foreach-drops-promise', `left alone: ${problem}; ${describeUnknownReceiver(file, forEach)}`);
    return;
  }
  const edits = forEach.only ? getForEachAwaitEdits(forEach) : null;
  if (!edits) {
    report(
      statement.node,
      'foreach-drops-promise',
      `left alone: ${problem}; return the promises from the callback (an async callback that awaits them) and await \`Promise.all\` over \`map\``,
    );
    return;
  }
  const floating = forEach.floating[0]!.node;
  plans.push({
    statement: statement.node,
    body,
    edits: [...edits, { start: floating.start!, end: floating.start!, text: 'return ' }],
    message: 'awaits the promise each forEach callback dropped (the callback returns it; Promise.all over map: same concurrency)',
    awaitedChain: null,
    finding: null,
  });
}

/** `const p = promiseCall();` where `p` is never read: await at the declaration. */
function planDeclaration(context: Context, body: Body, statement: NodePath<t.VariableDeclaration>, plans: Plan[]): void {
  const { file, handler } = context;
  for (const declarator of statement.get('declarations')) {
    const id = declarator.node.id;
    const init = declarator.get('init');
    if (id.type !== 'Identifier' || !init.node || init.isAwaitExpression()) continue;
    const binding = declarator.scope.getBinding(id.name);
    if (!binding || binding.referencePaths.length > 0 || binding.constantViolations.length > 0) continue;
    if (getPromiseKind(init as NodePath, file) !== 'promise' || referencesResponse(handler, init as NodePath)) continue;
    plans.push({
      statement: statement.node,
      body,
      edits: getAwaitInsertion(init.node),
      message: `awaits the promise stored in \`${id.name}\`, which nothing reads`,
      awaitedChain: null,
      finding: null,
    });
  }
}

/**
 * `helper(x);` where `helper` is a synchronous local function that leaves its own promises
 * floating: make it async, await its promises, and await its call. Only when every use of the
 * helper is such a call statement in an HTTP handler (its result unused, no other caller whose
 * behaviour would change).
 */
function planHelper(context: Context, body: Body, statement: NodePath<t.ExpressionStatement>, expression: NodePath, plans: Plan[]): boolean {
  const { file, handler, report } = context;
  if (!expression.isCallExpression() || referencesResponse(handler, expression)) return false;
  const target = getCalledFunction(expression, file);
  if (!target || target.file !== file || target.fn.node.async || target.fn.node.generator) return false;
  if (context.handlerNodes.has(target.fn.node)) return false;
  const inner: { edits: TextEdit[] }[] = [];
  for (const innerStatement of collectStatements(target.fn)) {
    if (!innerStatement.isExpressionStatement() || isDeadCode(target.fn.node.body, innerStatement)) continue;
    const innerExpression = innerStatement.get('expression');
    const forEach = getAsyncForEach(innerExpression, file);
    const forEachEdits = forEach?.array ? getForEachAwaitEdits(forEach) : null;
    if (forEachEdits) {
      inner.push({ edits: forEachEdits });
    } else if (!forEach && getPromiseKind(innerExpression, file) === 'promise') {
      inner.push({ edits: getAwaitInsertion(innerExpression.node) });
    }
  }
  if (inner.length === 0) return false;
  const name = quoteSource(file.source, expression.node.callee);
  const uses = getHelperUses(target.fn);
  if (!uses || uses.some((use) => !isCallStatementInHandler(context, use))) {
    report(
      statement.node,
      'helper-leaves-work-floating',
      `left alone: ${name} starts promises nobody waits for, but it is also used elsewhere (or its result is), where making it async would change behaviour; await its work by hand`,
    );
    return true;
  }
  const asyncEdits = ensureAsync(target.fn, file.source);
  if ('reason' in asyncEdits) {
    report(
      statement.node,
      'helper-leaves-work-floating',
      `left alone: ${name} starts promises nobody waits for, but it cannot be made async (${asyncEdits.reason})`,
    );
    return true;
  }
  plans.push({
    statement: statement.node,
    body,
    edits: [...asyncEdits.edits, ...inner.flatMap((i) => i.edits), ...getAwaitInsertion(expression.node)],
    message: `awaits the work ${name} started and left floating`,
    awaitedChain: null,
    finding: null,
  });
  return true;
}

/** The references to a local function's name, or null when it is not a named, constant binding. */
function getHelperUses(fn: NodePath<FunctionNode>): NodePath[] | null {
  let name: string | null = null;
  if (fn.node.type === 'FunctionDeclaration' && fn.node.id) name = fn.node.id.name;
  else if (fn.parentPath?.isVariableDeclarator() && fn.parentPath.node.id.type === 'Identifier') name = fn.parentPath.node.id.name;
  if (!name) return null;
  const binding = (fn.node.type === 'FunctionDeclaration' ? fn.parentPath! : fn).scope.getBinding(name);
  if (!binding || !binding.constant) return null;
  return binding.referencePaths;
}

function isCallStatementInHandler(context: Context, use: NodePath): boolean {
  const call = use.parentPath;
  if (!call?.isCallExpression() || call.node.callee !== use.node || !call.parentPath?.isExpressionStatement()) return false;
  const fn = call.getFunctionParent();
  return !!fn && context.handlerNodes.has(fn.node);
}

/**
 * A rejection handler whose parameter takes the response's name (`.catch((res) => res.status(500).send(...))`)
 * calls the response's methods on the rejection's reason, an error: that call throws, and on a
 * rejection nothing is sent. (`.then((res) => res.json())` on a fetch is not this: there `res` is
 * the fetched response.)
 */
function reportShadowedResponses(file: SourceFile, handler: Handler, report: Reporter): void {
  const name = handler.res.identifier.name;
  handler.path.get('body').traverse({ CallExpression: (call) => checkRejectionHandler(file, name, call, report) });
}

function checkRejectionHandler(file: SourceFile, name: string, call: NodePath<t.CallExpression>, report: Reporter): void {
  const callee = call.node.callee;
  const method = callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
  const callback = method === 'catch' ? call.get('arguments')[0] : method === 'then' ? call.get('arguments')[1] : undefined;
  if (!callback?.isFunction()) return;
  const param = callback.node.params[0];
  if (param?.type !== 'Identifier' || param.name !== name) return;
  const use = callback.scope.getOwnBinding(name)?.referencePaths.find((ref) => {
    const member = ref.parentPath;
    const called = member?.isMemberExpression() && member.node.object === ref.node && member.parentPath?.isCallExpression();
    return called && IDENTIFYING_METHODS.includes(getPropertyName(member.node as t.MemberExpression) ?? '');
  });
  if (!use) return;
  let chain: NodePath = use.parentPath!.parentPath!;
  while (chain.parentPath?.isMemberExpression() && chain.parentPath.parentPath?.isCallExpression()) chain = chain.parentPath.parentPath;
  report(
    callback.node,
    'rejection-handler-shadows-response',
    `the rejection handler's parameter \`${name}\` hides the response: ${quoteSource(file.source, chain.node)} is called on the rejection's reason (an error), not on the response, and throws, so on a rejection the client gets nothing; rename the parameter (for example to \`err\`)`,
  );
}

/**
 * A chain that responds on success only and floats inside a callback of another chain
 * (`.then((snap) => { Promise.all(reads).then((rows) => res.json(rows)); })`): nothing waits for
 * it, so its rejection never reaches the outer chain's rejection handler and the request gets no
 * response. Nested callbacks are never rewritten: reported, wherever it is in the handler.
 */
function reportChainsFloatingInCallbacks(file: SourceFile, handler: Handler, report: Reporter): void {
  handler.path.get('body').traverse({
    ExpressionStatement(statement) {
      const expression = statement.get('expression');
      if (!isChainCall(expression) || !referencesResponse(handler, expression)) return;
      const link = getChainLinkOf(statement.getFunctionParent());
      if (!link) return;
      const shape = getChainShape(handler, expression);
      if (!shape.successResponds || shape.failureResponds) return;
      const rejection = shape.handlesRejection ? 'reaches a rejection handler that sends no response' : 'is handled nowhere';
      const outerAnswers = getChainShape(handler, getChainTop(link.call)).failureResponds;
      const fix = outerAnswers ? 'its rejection handler answers' : 'give it a rejection handler that responds';
      report(
        statement.node,
        'chain-floats-in-callback',
        `${quoteSource(file.source, expression.node)} responds on success but floats inside the \`.${link.method}\` callback (line ${link.line}): nothing waits for it, so its rejection ${rejection} and the request gets no response; return it from the callback, so that the outer chain waits for it, and ${fix}`,
      );
    },
  });
}

/**
 * A promise started and dropped in a chain callback that responds after it
 * (`.then((menu) => { db.collection('imports').add(x); res.send('imported'); })`): the response can
 * go out before the work ends, and its rejection reaches no one. Nested callbacks are never
 * rewritten: reported.
 */
function reportPromisesFloatingBeforeCallbackResponse(file: SourceFile, handler: Handler, report: Reporter): void {
  handler.path.get('body').traverse({
    ExpressionStatement(statement) {
      const fn = statement.getFunctionParent();
      const link = getChainLinkOf(fn);
      if (!fn || !link) return;
      const expression = statement.get('expression');
      if (!expression.isCallExpression() || referencesResponse(handler, expression) || isKnownSynchronousCall(handler, expression)) return;
      if (getPromiseKind(expression, file) !== 'promise') return;
      const end = statement.node.end!;
      const response = handler.res.referencePaths.find((ref) => ref.node.start! >= end && ref.getFunctionParent() === fn);
      if (!response) return;
      const rejection = getChainShape(handler, expression).handlesRejection ? '' : ', and its rejection reaches no one';
      report(
        statement.node,
        'promise-floats-in-callback',
        `${quoteSource(file.source, expression.node)} is a promise nobody waits for, in the \`.${link.method}\` callback (line ${link.line}) that responds after it (line ${response.node.loc!.start.line}): the response can go out before this work ends${rejection}; await it there, making the callback async`,
      );
    },
  });
}

/** `x.then(...)`, `x.catch(...)`, `x.finally(...)`: a call of a promise chain method. */
function isChainCall(path: NodePath): boolean {
  if (!path.isCallExpression()) return false;
  const callee = path.node.callee;
  const method = callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
  return method !== null && CHAIN_METHODS.has(method);
}

/** The chain call `fn` is a callback of (`.then(fn)`), its method and line; null for any other function. */
function getChainLinkOf(fn: NodePath | null): { call: NodePath; method: string; line: number } | null {
  const call = fn?.parentPath;
  if (!fn || !call?.isCallExpression() || !call.node.arguments.includes(fn.node as t.Expression) || !isChainCall(call)) return null;
  const callee = call.node.callee as t.MemberExpression;
  return { call, method: getPropertyName(callee)!, line: callee.property.loc!.start.line };
}

export function run(file: SourceFile, _options: TransformOptions): TransformResult {
  const sites: Site[] = [];
  const findings: Finding[] = [];
  const report = createReporter(file.disabled, NAME, findings);
  const handlerNodes = new Set<t.Node>(file.handlers.map((h) => h.path.node));
  const asyncReported = new Set<t.Node>();
  for (const handler of file.handlers) {
    if (handler.problem || !handler.path.get('body').isBlockStatement()) continue;
    // A response sent while a chain is built: respond-last reports it; awaiting would not help.
    if (findEagerResponses(handler, file).length > 0) continue;
    reportShadowedResponses(file, handler, report);
    reportChainsFloatingInCallbacks(file, handler, report);
    reportPromisesFloatingBeforeCallbackResponse(file, handler, report);
    const context: Context = { file, handler, report, handlerNodes, unknown: [] };
    const bodies = findBodies(context);
    const plans: Plan[] = [];
    for (const body of bodies) planBody(context, body, plans);
    const reportUnknown = () => {
      for (const site of context.unknown) report(site.node, 'unknown-promise', site.message, 'info');
    };
    if (plans.length === 0 && context.unknown.length === 0) continue;
    const handOffs = getHandOffs(handler, file, {
      bodies: new Set(bodies.flatMap((b) => (b.wrapper ? [b.wrapper.node, b.fn.node] : []))),
      awaited: new Set(plans.flatMap((p) => (p.awaitedChain ? [p.awaitedChain] : []))),
    });
    // Where something else holds the response, nothing would be awaited anyway: unknown calls are not worth a finding each.
    if (plans.length === 0) {
      if (handOffs.length === 0) reportUnknown();
      continue;
    }
    if (handOffs.length > 0) {
      const first = handOffs[0]!;
      const where = first.node.loc ? ` (line ${first.node.loc.start.line}:${first.node.loc.start.column + 1})` : '';
      report(
        plans[0]!.statement,
        'response-handed-off',
        `left alone: promises here are not awaited, but the response is handed off, ${first.reason}${where}; whatever holds it may respond while they run, so awaiting them could change which response the client gets`,
      );
      continue;
    }

    reportUnknown();
    const asyncByBody = new Map<t.Node, TextEdit[] | string>();
    for (const body of bodies) {
      const result = ensureAsync(body.fn, file.source);
      asyncByBody.set(body.fn.node, 'reason' in result ? result.reason : result.edits);
    }
    for (const plan of plans) {
      const asyncEdits = asyncByBody.get(plan.body.fn.node)!;
      if (typeof asyncEdits === 'string') {
        report(plan.statement, 'cannot-be-async', `left alone: the function cannot be made async (${asyncEdits}), so nothing can be awaited in it`);
        continue;
      }
      if (plan.body.fn.node === handler.path.node && !asyncReported.has(handler.path.node)) {
        asyncReported.add(handler.path.node);
        if (asyncEdits.length > 0 && handler.kind === 'express') report(handler.path.node, 'express-handler-made-async', EXPRESS_ASYNC_MESSAGE, 'info');
        else if (handler.kind === 'express' || handler.kind === 'node-http')
          report(plan.statement, 'rejection-not-caught', UNCAUGHT_REJECTION_MESSAGE[handler.kind], 'info');
      }
      sites.push({ transform: NAME, ...getPosition(plan.statement), message: plan.message, edits: [...asyncEdits, ...plan.edits] });
      if (plan.finding) report(plan.statement, plan.finding.kind, plan.finding.message, plan.finding.severity);
    }
  }
  return { sites, findings };
}

export const definition = {
  name: NAME,
  description: 'await promises an HTTP handler starts and leaves floating, before it responds',
  options: [],
  run,
};

export default createJscodeshiftTransform(definition);
