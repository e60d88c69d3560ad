/**
 * end-handler: a path through an HTTP handler that ends without a response leaves the client
 * waiting until the platform's timeout; a response in a branch that does not end the handler lets
 * it run on into a second response (ERR_HTTP_HEADERS_SENT in Express).
 *
 *   exports.save = onRequest(async (req, res) => {      exports.save = onRequest(async (req, res) => {
 *     if (!req.body.id) res.status(400).send('id');  =>    if (!req.body.id) { res.status(400).send('id'); return; }
 *     await db.doc(req.body.id).set(req.body);             await db.doc(req.body.id).set(req.body);
 *     res.status(201).send('saved');                       res.status(201).send('saved');
 *   });                                                  });
 *
 *   functions.http('log', async (req, res) => {         functions.http('log', async (req, res) => {
 *     await db.collection('logs').add(req.body);     =>    await db.collection('logs').add(req.body);
 *   });                                                    res.sendStatus(200);
 *                                                        });
 *
 * Every path through the handler's own body is followed (branches, loops, `switch`, `try`/`catch`)
 * with what it has sent so far. A path that ends (falls off the end, or `return;`) without a
 * response gets the default response there, guarded by `if (!res.headersSent)` when another path
 * reaching the same place may have responded, but only when every statement on it is understood.
 * Left alone and reported: a path through a `catch` (an error deserves an error status, not 200),
 * a statement that may respond in a way the analysis does not follow (a callback, a helper that
 * responds on some paths, `res.status(500)` without a send), an unawaited promise (a response would
 * let the platform stop its work), handlers whose response is handed off or that call `next`.
 * An early response in a branch (`if`/`else`, `catch`, `try`, a `switch` case) after which every
 * path responds again gets `return;`; when only some do, or work follows it, it is reported.
 * Nested callbacks are never rewritten; a `.then` callback that responds while a later `.then`
 * responds again is reported.
 */
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { isKnownSynchronousCall } from '../lib/awaits';
import { isDisabled } from '../lib/disable';
import { createFinding, getPosition, quoteSource } from '../lib/findings';
import { isFunctionNode, type FunctionNode, type Handler } from '../lib/handlers';
import { createJscodeshiftTransform } from '../lib/jscodeshift';
import { RESPOND_OPTION } from '../lib/options';
import { getPropertyName, isGlobal, isGlobalMethodCall, unwrap } from '../lib/modules';
import { findEagerResponses, getOwnership, SYNCHRONOUS_ARRAY_METHODS, type Ownership } from '../lib/ownership';
import { getCalledFunction, getPromiseKind } from '../lib/promises';
import { getDefaultResponse } from '../lib/edit/respond-template';
import { getResponseUse, HEADER_SETTERS } from '../lib/response-members';
import { chainEndsRequest, getExpressionResponse, getResponseCall, getResponseStatement } from '../lib/responses';
import type { SourceFile } from '../lib/source-file';
import { getSemicolon, insertStatementsAfter, insertStatementsBefore, isSingleStatementPosition } from '../lib/edit/statements';
import type { Finding, Severity, Site, TextEdit, TransformOptions, TransformResult } from '../lib/types';

const NAME = 'end-handler';

/** More states than this at one point: the handler is too tangled to follow; it is left alone. */
const MAX_STATES = 256;
/** How deep helpers and callbacks are followed. */
const MAX_DEPTH = 3;

// ---------------------------------------------------------------------------------------------
// Paths and what they have sent

/**
 * What a path has sent so far: nothing, a response, maybe one (an awaited callback that responds
 * on some paths only), or the response was handed to something that will respond.
 */
type Sent = 'none' | 'sent' | 'maybe' | 'handed';

interface Unsure {
  node: t.Node;
  /** Completes "... because ..." */
  reason: string;
}

/** One path's state at a point of the handler. */
interface State {
  sent: Sent;
  /**
   * The `catch` clause the path went through without responding: an error path. One that goes on
   * into code a path without an error (and without a response yet) also runs has recovered.
   */
  caught: t.CatchClause | null;
  /** The first statement on the path that may have responded in a way the analysis cannot follow. */
  unsure: Unsure | null;
  /** The first unawaited promise (or call that may be one) on the path before it responded. */
  floating: t.Node | null;
  /** The response statement that sent this path's response (for early responses). */
  origin: t.Node | null;
  /**
   * The response was sent by a method that writes it later (`res.sendFile`, `res.download`,
   * `res.render`): `res.headersSent` is still false right after the call.
   */
  late: boolean;
}

const START: State = { sent: 'none', caught: null, unsure: null, floating: null, origin: null, late: false };
const SENT: State = { ...START, sent: 'sent' };
/** Ending methods that send asynchronously (a file read, a view rendered), after the call returns. */
const LATE_METHODS = new Set(['sendFile', 'download', 'render']);

interface Jump {
  label: string | null;
  state: State;
}

interface Flow {
  /** States of the paths that complete normally. */
  fall: State[];
  breaks: Jump[];
  continues: Jump[];
  /** States at the points where an exception may leave the statement (for an enclosing `catch`). */
  thrown: State[];
}

/** A `return` of the handler's own body, with the state of one path reaching it. */
interface Exit {
  node: t.ReturnStatement;
  /** `bare`: `return;`, `return null`...; `value`: returns something else (await-then-send's business). */
  kind: 'bare' | 'value';
  state: State;
}

type Effect =
  | { kind: 'plain'; floating: t.Node | null }
  | { kind: 'respond'; node: t.Node; late: boolean; plainEnd?: boolean }
  | { kind: 'maybe' }
  | { kind: 'handed' }
  | { kind: 'unsure'; unsure: Unsure }
  | { kind: 'next' }
  | { kind: 'exit' };

const PLAIN: Effect = { kind: 'plain', floating: null };

const nodeIds = new WeakMap<t.Node, number>();
let nextNodeId = 1;
function idOf(node: t.Node | null | undefined): number {
  if (!node) return 0;
  let id = nodeIds.get(node);
  if (id === undefined) {
    id = nextNodeId++;
    nodeIds.set(node, id);
  }
  return id;
}

function keyOf(state: State): string {
  return `${state.sent}|${idOf(state.caught)}|${idOf(state.unsure?.node)}|${idOf(state.floating)}|${idOf(state.origin)}|${state.late}`;
}

function dedupe(states: readonly State[]): State[] {
  const seen = new Map<string, State>();
  for (const state of states) {
    const key = keyOf(state);
    if (!seen.has(key)) seen.set(key, state);
  }
  return [...seen.values()];
}

function isMissing(state: State): boolean {
  return state.sent === 'none' || state.sent === 'maybe';
}

function within(node: t.Node, outer: t.Node): boolean {
  return (node.start ?? 0) >= (outer.start ?? 0) && (node.end ?? 0) <= (outer.end ?? 0);
}

/** Response calls that only set headers or read state: they send nothing. */
const NEUTRAL_METHODS = new Set([...HEADER_SETTERS, 'getHeader', 'getHeaders', 'getHeaderNames', 'hasHeader', 'get']);
/** Response calls that start a response without ending it. */
const STARTING_METHODS = new Set(['write', 'writeHead', 'flushHeaders', 'writeContinue', 'writeProcessing', 'writeEarlyHints']);
/** Methods of a promise chain: their callbacks run when the promise settles. */
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/** How the analysis treats the response: its own, handed off elsewhere, or passed on with `next`. */
type Mode = 'own' | 'handed' | 'next';

interface Context {
  file: SourceFile;
  handler: Handler;
  mode: Mode;
  depth: number;
  /** Functions being analysed (recursion stops there). */
  active: Set<t.Node>;
}

/** What happens on every path through a function: its end states and its `return`s. */
interface Analysis {
  end: State[];
  exits: Exit[];
  /** Fall states of the statements (and blocks) of the body, by node, for placing a response. */
  falls: Map<t.Node, State[]>;
  /** Early response -> second responses that followed it on some path. */
  seconds: Map<t.Node, Set<t.Node>>;
  /** Early responses some path of which ended (return, end, `next`) without a second response. */
  escapes: Set<t.Node>;
  /** Early response -> the first statement outside its branch that ran after it. */
  wentOn: Map<t.Node, t.Node>;
  /** Why the analysis gave up, or null. */
  gaveUp: string | null;
}

class Analyzer {
  readonly exits: Exit[] = [];
  readonly falls = new Map<t.Node, State[]>();
  readonly seconds = new Map<t.Node, Set<t.Node>>();
  readonly escapes = new Set<t.Node>();
  readonly wentOn = new Map<t.Node, t.Node>();
  gaveUp: string | null = null;

  constructor(readonly ctx: Context) {}

  get handler(): Handler {
    return this.ctx.handler;
  }

  run(): Analysis {
    const fn = this.handler.path;
    this.ctx.active.add(fn.node);
    let end: State[];
    const body = fn.get('body') as NodePath;
    if (body.isBlockStatement()) {
      const flow = this.list(body.get('body'), [START]);
      end = flow.fall;
    } else {
      end = this.expressionBody(body);
    }
    for (const state of end) this.escape(state);
    this.ctx.active.delete(fn.node);
    return {
      end: dedupe(end),
      exits: this.exits,
      falls: this.falls,
      seconds: this.seconds,
      escapes: this.escapes,
      wentOn: this.wentOn,
      gaveUp: this.gaveUp,
    };
  }

  /** A concise arrow body `() => res.send(x)`. */
  private expressionBody(body: NodePath): State[] {
    let expression = body;
    if (expression.isAwaitExpression()) expression = expression.get('argument') as NodePath;
    if (getResponseCall(this.handler, expression)?.ending) return [SENT];
    return this.applyAll([START], this.judge(body, false)).fall;
  }

  private escape(state: State): void {
    if (state.sent === 'sent' && state.origin) this.escapes.add(state.origin);
  }

  private list(paths: readonly NodePath[], input: State[]): Flow {
    let states = input;
    const flow: Flow = { fall: [], breaks: [], continues: [], thrown: [] };
    for (const path of paths) {
      if (states.length === 0) break;
      const next = this.statement(path, states);
      flow.breaks.push(...next.breaks);
      flow.continues.push(...next.continues);
      flow.thrown.push(...next.thrown);
      states = next.fall;
    }
    flow.fall = states;
    return flow;
  }

  private statement(path: NodePath, input: State[]): Flow {
    if (input.length > MAX_STATES) {
      this.gaveUp ??= 'too many paths to follow';
      return { fall: [], breaks: [], continues: [], thrown: [] };
    }
    const flow = this.dispatch(path, dedupe(input));
    flow.fall = dedupe(flow.fall);
    this.falls.set(path.node, flow.fall);
    return flow;
  }

  private dispatch(path: NodePath, input: State[]): Flow {
    const none = (fall: State[]): Flow => ({ fall, breaks: [], continues: [], thrown: [] });
    switch (path.node.type) {
      case 'BlockStatement':
        return this.list((path as NodePath<t.BlockStatement>).get('body'), input);
      case 'EmptyStatement':
      case 'FunctionDeclaration':
      case 'DebuggerStatement':
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSDeclareFunction':
      case 'TSEnumDeclaration':
      case 'TSModuleDeclaration':
      case 'TypeAlias':
      case 'InterfaceDeclaration':
        return none(input);
      case 'ExpressionStatement':
      case 'VariableDeclaration':
      case 'ClassDeclaration':
        return this.simple(path, input);
      case 'IfStatement':
        return this.ifStatement(path as NodePath<t.IfStatement>, input);
      case 'ReturnStatement':
        return this.returnStatement(path as NodePath<t.ReturnStatement>, input);
      case 'ThrowStatement': {
        const after = this.expression(path.get('argument') as NodePath, input);
        return { fall: [], breaks: [], continues: [], thrown: [...input, ...after] };
      }
      case 'TryStatement':
        return this.tryStatement(path as NodePath<t.TryStatement>, input);
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        return this.loop(path, input, null);
      case 'SwitchStatement':
        return this.switchStatement(path as NodePath<t.SwitchStatement>, input);
      case 'LabeledStatement':
        return this.labeled(path as NodePath<t.LabeledStatement>, input);
      case 'BreakStatement':
        return { fall: [], breaks: input.map((state) => ({ label: (path.node as t.BreakStatement).label?.name ?? null, state })), continues: [], thrown: [] };
      case 'ContinueStatement':
        return {
          fall: [],
          breaks: [],
          continues: input.map((state) => ({ label: (path.node as t.ContinueStatement).label?.name ?? null, state })),
          thrown: [],
        };
      default: {
        const unsure: Effect = { kind: 'unsure', unsure: { node: path.node, reason: `sendlast does not follow a \`${path.node.type}\`` } };
        return this.applyAll(input, unsure);
      }
    }
  }

  /** A statement without control flow of its own: an expression, a declaration. */
  private simple(path: NodePath, input: State[]): Flow {
    // Work after a response that only some paths sent: the response was an early one.
    if (input.some(isMissing)) for (const state of input) this.noteWentOn(state, path.node);
    // A path that goes on from a `catch` into code that a path without an error and without a
    // response also runs has recovered (`catch { quote = DEFAULT }` then code both share).
    const shared = input.some((state) => isMissing(state) && !state.caught);
    const states = shared ? input.map((state) => (state.caught && !within(path.node, state.caught) ? { ...state, caught: null } : state)) : input;
    return this.applyAll(states, this.judge(path, true));
  }

  /** The states after evaluating an expression (a test, a loop head) for what it does to the response. */
  private expression(path: NodePath, input: State[]): State[] {
    if (!path.node) return input;
    const effect = this.judge(path, false);
    if (effect.kind === 'plain') return input;
    return this.applyAll(input, effect).fall;
  }

  private applyAll(input: readonly State[], effect: Effect): Flow {
    const fall: State[] = [];
    const thrown: State[] = [...input];
    for (const state of input) {
      const out = this.apply(state, effect);
      if (out === 'ends') continue;
      if (out === 'throws') thrown.push(state);
      else fall.push(out);
    }
    return { fall, breaks: [], continues: [], thrown };
  }

  /** One path through one effect: its new state, or how it ends. */
  private apply(state: State, effect: Effect): State | 'ends' | 'throws' {
    switch (effect.kind) {
      case 'plain':
        if (effect.floating && isMissing(state) && !state.floating) return { ...state, floating: effect.floating };
        return state;
      case 'respond':
        if (state.sent === 'sent' && effect.plainEnd) return state;
        if (state.sent === 'sent') {
          // A second response: Express throws ERR_HTTP_HEADERS_SENT, the path ends there.
          if (state.origin) {
            const set = this.seconds.get(state.origin) ?? new Set<t.Node>();
            set.add(effect.node);
            this.seconds.set(state.origin, set);
          }
          return 'throws';
        }
        return { ...SENT, origin: effect.node, late: effect.late };
      case 'maybe':
        return state.sent === 'none' ? { ...state, sent: 'maybe' } : state;
      case 'handed':
        if (state.sent === 'sent') {
          this.escape(state);
          return state;
        }
        return { ...START, sent: 'handed' };
      case 'unsure':
        if (!isMissing(state) || state.unsure) return state;
        return { ...state, unsure: effect.unsure };
      case 'next':
      case 'exit':
        this.escape(state);
        return 'ends';
    }
    return state;
  }

  /** Record that a path that responded in a branch ran `node`, outside that branch. */
  private noteWentOn(state: State, node: t.Node): void {
    const origin = state.origin;
    if (state.sent !== 'sent' || !origin || this.wentOn.has(origin)) return;
    if (!within(node, getBranchNode(origin, this.handler))) this.wentOn.set(origin, node);
  }

  private ifStatement(path: NodePath<t.IfStatement>, input: State[]): Flow {
    const test = path.get('test');
    const guard = getHeadersSentTest(this.handler, test);
    let consequentIn: State[];
    let alternateIn: State[];
    if (guard) {
      // `if (!res.headersSent)`: only paths that have not responded enter; the others skip it.
      const notSent: State[] = [];
      const sent: State[] = [];
      for (const state of input) {
        if (state.sent !== 'sent' || state.late) notSent.push(state.sent === 'maybe' ? { ...state, sent: 'none' } : state);
        if (state.sent !== 'none') sent.push(state.sent === 'maybe' ? SENT : state);
      }
      [consequentIn, alternateIn] = guard === 'negated' ? [notSent, sent] : [sent, notSent];
    } else {
      consequentIn = alternateIn = this.expression(test, input);
    }
    const consequent = this.statement(path.get('consequent'), consequentIn);
    const alternatePath = path.get('alternate');
    const alternate: Flow = alternatePath.node
      ? this.statement(alternatePath as NodePath, alternateIn)
      : { fall: alternateIn, breaks: [], continues: [], thrown: [] };
    return {
      fall: [...consequent.fall, ...alternate.fall],
      breaks: [...consequent.breaks, ...alternate.breaks],
      continues: [...consequent.continues, ...alternate.continues],
      thrown: [...input, ...consequent.thrown, ...alternate.thrown],
    };
  }

  private returnStatement(path: NodePath<t.ReturnStatement>, input: State[]): Flow {
    const node = path.node;
    const flow: Flow = { fall: [], breaks: [], continues: [], thrown: [...input] };
    const argument = path.get('argument') as NodePath;
    const kind = argument.node ? getReturnKind(this.handler, argument) : 'bare';
    if (kind === 'next') {
      for (const state of input) this.escape(state);
      return flow;
    }
    let states = input;
    if (kind === 'response') {
      const call = getResponseCall(this.handler, unwrapReturned(argument));
      const after = this.applyAll(input, { kind: 'respond', node, late: !!call && LATE_METHODS.has(call.method) });
      flow.thrown.push(...after.thrown);
      states = after.fall;
    } else if (kind === 'value') {
      const after = this.applyAll(input, this.judge(argument, false));
      flow.thrown.push(...after.thrown);
      states = after.fall;
    }
    for (const state of states) {
      this.escape(state);
      this.exits.push({ node, kind: kind === 'value' ? 'value' : 'bare', state });
    }
    return flow;
  }

  private tryStatement(path: NodePath<t.TryStatement>, input: State[]): Flow {
    const exitsBefore = this.exits.length;
    const block = this.statement(path.get('block'), input);
    const flow: Flow = { fall: [...block.fall], breaks: [...block.breaks], continues: [...block.continues], thrown: block.thrown };
    const handler = path.get('handler');
    if (handler.node) {
      const clause = handler as NodePath<t.CatchClause>;
      // A callback in the `try` block that uses the response may have run (and responded) before
      // the exception: a path entering the `catch` may have responded.
      const callbackUse = this.findCallbackResponseUse(path.get('block'));
      const unsure: Unsure | null = callbackUse
        ? { node: callbackUse, reason: 'a callback in the `try` block uses the response and may have run before the exception' }
        : null;
      // An exception is not a fall-through of an earlier response: its origin is forgotten.
      const entry = dedupe(
        block.thrown.map((state) =>
          isMissing(state)
            ? { ...state, caught: state.caught ?? clause.node, unsure: state.unsure ?? unsure }
            : state.sent === 'sent'
              ? { ...state, origin: null }
              : state,
        ),
      );
      const caught = this.statement(clause.get('body'), entry);
      this.falls.set(clause.node, caught.fall);
      flow.fall.push(...caught.fall);
      flow.breaks.push(...caught.breaks);
      flow.continues.push(...caught.continues);
      flow.thrown = caught.thrown;
    }
    const finalizer = path.get('finalizer');
    if (finalizer.node && (finalizer.node as t.BlockStatement).body.length > 0) {
      const plain = isPlainCode(this.handler, finalizer as NodePath);
      const unsure: Unsure = {
        node: finalizer.node,
        reason: plain
          ? 'the `finally` block would run after a response added inside the `try`'
          : 'the `finally` block uses the response or leaves the function',
      };
      const mark = (state: State): State => (isMissing(state) && !state.unsure ? { ...state, unsure } : state);
      for (let i = exitsBefore; i < this.exits.length; i++) this.exits[i] = { ...this.exits[i]!, state: mark(this.exits[i]!.state) };
      if (!plain) {
        flow.fall = flow.fall.map(mark);
        flow.breaks = flow.breaks.map((j) => ({ ...j, state: mark(j.state) }));
        flow.continues = flow.continues.map((j) => ({ ...j, state: mark(j.state) }));
      }
    }
    return flow;
  }

  /** A use of the response inside a function nested in `block` (a callback), or null. */
  private findCallbackResponseUse(block: NodePath): t.Node | null {
    const { start, end } = block.node;
    const own = this.handler.path.node;
    for (const ref of this.handler.res.referencePaths) {
      if ((ref.node.start ?? -1) < (start ?? 0) || (ref.node.end ?? 0) > (end ?? 0)) continue;
      if (ref.getFunctionParent()?.node !== own) return ref.node;
    }
    return null;
  }

  private loop(path: NodePath, input: State[], label: string | null): Flow {
    const node = path.node;
    const thrown: State[] = [...input];
    let head = input;
    if (path.isForStatement()) {
      const init = path.get('init');
      if (init.node) head = init.isVariableDeclaration() ? this.applyAll(head, this.judge(init, false)).fall : this.expression(init as NodePath, head);
    } else if (path.isForInStatement() || path.isForOfStatement()) {
      head = this.expression(path.get('right') as NodePath, head);
    }
    const test = path.isForStatement() || path.isWhileStatement() || path.isDoWhileStatement() ? (path.get('test') as NodePath) : null;
    const endless = !!test && (!test.node || (test.node.type === 'BooleanLiteral' && test.node.value));
    const body = path.get('body') as NodePath;
    const breaks: State[] = [];
    const outerBreaks: Jump[] = [];
    const outerContinues: Jump[] = [];
    let states = head;
    const afterBody: State[] = [];
    let converged = false;
    for (let round = 0; round < 4 && !this.gaveUp; round++) {
      const flow = this.statement(body, states);
      thrown.push(...flow.thrown);
      const back = [...flow.fall];
      afterBody.push(...flow.fall);
      for (const jump of flow.breaks) {
        if (jump.label === null || jump.label === label) breaks.push(jump.state);
        else outerBreaks.push(jump);
      }
      for (const jump of flow.continues) {
        if (jump.label === null || jump.label === label) back.push(jump.state);
        else outerContinues.push(jump);
      }
      const next = dedupe([...states, ...(test && test.node ? this.expression(test, back) : back)]);
      if (next.length === states.length) {
        converged = true;
        break;
      }
      states = next;
    }
    if (!converged) this.gaveUp ??= 'a loop whose paths do not settle';
    // A `do ... while` runs its body at least once: it is left after the body, never from the head.
    const exit = endless ? breaks : node.type === 'DoWhileStatement' ? [...afterBody, ...breaks] : [...states, ...breaks];
    return { fall: exit, breaks: outerBreaks, continues: outerContinues, thrown };
  }

  private switchStatement(path: NodePath<t.SwitchStatement>, input: State[]): Flow {
    const states = this.expression(path.get('discriminant'), input);
    const flow: Flow = { fall: [], breaks: [], continues: [], thrown: [...input] };
    let previous: State[] = [];
    let hasDefault = false;
    for (const clause of path.get('cases')) {
      if (!clause.node.test) hasDefault = true;
      const result = this.list(clause.get('consequent'), dedupe([...states, ...previous]));
      this.falls.set(clause.node, result.fall);
      flow.thrown.push(...result.thrown);
      flow.continues.push(...result.continues);
      for (const jump of result.breaks) {
        if (jump.label === null) flow.fall.push(jump.state);
        else flow.breaks.push(jump);
      }
      previous = result.fall;
    }
    flow.fall.push(...previous);
    if (!hasDefault) flow.fall.push(...states);
    return flow;
  }

  private labeled(path: NodePath<t.LabeledStatement>, input: State[]): Flow {
    const label = path.node.label.name;
    const body = path.get('body') as NodePath;
    const flow = body.isLoop() ? this.loop(body, input, label) : this.statement(body, input);
    const breaks: Jump[] = [];
    const fall = [...flow.fall];
    for (const jump of flow.breaks) {
      if (jump.label === label) fall.push(jump.state);
      else breaks.push(jump);
    }
    return { fall, breaks, continues: flow.continues, thrown: flow.thrown };
  }

  // -------------------------------------------------------------------------------------------
  // What one statement or expression does to the response

  private judge(path: NodePath, statementLevel: boolean): Effect {
    const handler = this.handler;
    if (statementLevel && path.isExpressionStatement() && isResponseExpression(handler, path.get('expression') as NodePath)) {
      return { kind: 'respond', node: path.node, late: false };
    }
    const response = statementLevel ? getResponseStatement(handler, path) : null;
    if (response) {
      // `res.end()` after a response does nothing (Node ignores it): no second response.
      const plainEnd = response.chain.length === 1 && response.method === 'end' && isCallWithoutArguments(path);
      return { kind: 'respond', node: path.node, late: LATE_METHODS.has(response.method), plainEnd };
    }
    if (statementLevel && path.isExpressionStatement()) {
      let expression = path.get('expression') as NodePath;
      if (expression.isAwaitExpression()) expression = expression.get('argument') as NodePath;
      if (isNextCall(handler, expression)) return { kind: 'next' };
      if (isGlobalMethodCall(expression, 'process', 'exit')) return { kind: 'exit' };
    }
    const refs = getResponseRefs(handler, path);
    const nextRefs = handler.next ? handler.next.referencePaths.filter((ref) => within(ref.node, path.node)) : [];
    if (refs.length === 0 && nextRefs.length === 0) {
      const viaRequest = this.findResponseThroughRequest(path);
      if (viaRequest) return viaRequest;
      return { kind: 'plain', floating: statementLevel ? this.getFloating(path) : null };
    }
    const effects: Effect[] = [];
    const covered: t.Node[] = [];
    for (const ref of refs) {
      if (covered.some((node) => within(ref.node, node))) continue;
      const effect = this.judgeReference(ref, path, covered);
      effects.push(effect);
    }
    // `next()` called in the statement itself (`const ok = next();`): control passes on there.
    if (statementLevel && nextRefs.some((ref) => isDirectCall(ref, path))) return { kind: 'next' };
    // `next` passed on or called inside a callback: control may pass on.
    if (nextRefs.length > 0) effects.push({ kind: 'maybe' });
    return combine(effects, statementLevel ? this.getFloating(path) : null);
  }

  /**
   * A call handing the request to a local function that uses `req.res` (the response, reached
   * through the request): it may respond.
   */
  private findResponseThroughRequest(path: NodePath): Effect | null {
    const request = getRequestBinding(this.handler);
    if (!request) return null;
    for (const ref of request.referencePaths) {
      if (!within(ref.node, path.node)) continue;
      const call = ref.parentPath;
      if (!call?.isCallExpression() || call.node.callee === ref.node) continue;
      const target = getCalledFunction(call, this.ctx.file);
      const param = target?.fn.node.params[call.node.arguments.indexOf(ref.node as t.Expression)];
      if (!target || param?.type !== 'Identifier') continue;
      const binding = target.fn.scope.getOwnBinding(param.name);
      const usesResponse = binding?.referencePaths.some((use) => {
        const parent = use.parentPath;
        return !!parent?.isMemberExpression() && parent.node.object === use.node && getPropertyName(parent.node) === 'res';
      });
      if (usesResponse) {
        const reason = `it passes the request to ${quoteSource(this.ctx.file.source, call.node)}, which uses the response through \`${param.name}.res\``;
        return { kind: 'unsure', unsure: { node: path.node, reason } };
      }
    }
    return null;
  }

  /**
   * Work the statement leaves running after it completes: an unawaited promise (or a call that may
   * return one), a callback handed to a call that may run it later (`setTimeout(fn)`,
   * `fs.readFile(f, cb)`, `emitter.on(e, fn)`), or a promise kept in a variable nobody awaits.
   */
  private getFloating(path: NodePath): t.Node | null {
    if (path.isVariableDeclaration()) {
      for (const declarator of path.get('declarations')) {
        const init = declarator.get('init');
        if (!init.node) continue;
        if (!isKnownSynchronousCall(this.handler, init as NodePath) && findDeferredCallback(init as NodePath)) return markFloating(path.node, 'callback');
        const id = declarator.node.id;
        const binding = id.type === 'Identifier' ? declarator.scope.getBinding(id.name) : undefined;
        if (getPromiseKind(init as NodePath, this.ctx.file) === 'promise' && !binding?.referencePaths.some(isAwaitedOrReturned)) {
          return markFloating(path.node, 'promise');
        }
      }
      return null;
    }
    if (!path.isExpressionStatement()) return null;
    let expression = path.get('expression') as NodePath;
    if (expression.isUnaryExpression({ operator: 'void' })) expression = expression.get('argument') as NodePath;
    if (!expression.isCallExpression() && !expression.isOptionalCallExpression() && !expression.isNewExpression()) return null;
    // `res.on('finish', fn)`: the response's own events come with (or after) the response.
    const callee = expression.get('callee') as NodePath;
    if (callee.isMemberExpression() && getResponseRefs(this.handler, callee.get('object')).length > 0) return null;
    if (isKnownSynchronousCall(this.handler, expression)) return null;
    if (findDeferredCallback(expression)) return markFloating(path.node, 'callback');
    const kind = getPromiseKind(expression, this.ctx.file);
    return kind === 'not-promise' ? null : markFloating(path.node, kind);
  }

  private judgeReference(ref: NodePath, root: NodePath, covered: t.Node[]): Effect {
    const handler = this.handler;
    let fn: NodePath | null = null;
    for (let current = ref.parentPath; current && current.node !== root.node; current = current.parentPath) {
      if (current.isFunction()) fn = current;
    }
    if (fn) {
      covered.push(fn.node);
      return this.judgeCallback(fn, root);
    }
    if (!ref.isIdentifier()) {
      // `req.res`, or an assignment to the response's binding
      return { kind: 'unsure', unsure: { node: root.node, reason: `it uses the response as ${quoteSource(this.ctx.file.source, ref.node)}` } };
    }
    const parent = ref.parentPath!;
    if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === ref.node) {
      const name = getPropertyName(parent.node);
      const call = parent.parentPath;
      const called = !!call && (call.isCallExpression() || call.isOptionalCallExpression()) && call.node.callee === parent.node;
      if (!called) {
        const assigned = parent.parentPath?.isAssignmentExpression() && parent.parentPath.node.left === parent.node;
        if (assigned && (name === 'statusCode' || name === 'statusMessage')) {
          return {
            kind: 'unsure',
            unsure: { node: root.node, reason: `it sets ${quoteSource(this.ctx.file.source, parent.node)} without sending a response` },
          };
        }
        return PLAIN;
      }
      let top: NodePath = call!;
      while (
        top.parentPath &&
        ((top.parentPath.isMemberExpression() && top.parentPath.node.object === top.node) ||
          (top.parentPath.isCallExpression() && top.parentPath.node.callee === top.node))
      ) {
        top = top.parentPath;
      }
      const response = getResponseCall(handler, top);
      const quoted = quoteSource(this.ctx.file.source, top.node);
      if (response?.ending) return { kind: 'unsure', unsure: { node: root.node, reason: `it responds inside an expression (${quoted})` } };
      if (response && response.chain.some((m) => STARTING_METHODS.has(m))) {
        return { kind: 'unsure', unsure: { node: root.node, reason: `${quoted} starts the response without ending it` } };
      }
      if (response && response.chain.includes('status')) {
        return { kind: 'unsure', unsure: { node: root.node, reason: `${quoted} sets the status without sending a response` } };
      }
      if (name !== null && (NEUTRAL_METHODS.has(name) || getResponseUse(ref).kind === 'response')) return PLAIN;
      return { kind: 'unsure', unsure: { node: root.node, reason: `it calls ${quoted}, which may respond` } };
    }
    if ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee !== ref.node) {
      covered.push(parent.node);
      return this.judgeHandOffCall(parent as NodePath<t.CallExpression>, ref, root);
    }
    if (parent.isReturnStatement() || parent.isAwaitExpression() || parent.isExpressionStatement()) return PLAIN;
    if (this.ctx.mode === 'handed') return { kind: 'handed' };
    return { kind: 'unsure', unsure: { node: root.node, reason: `it stores the response (${quoteSource(this.ctx.file.source, parent.node)})` } };
  }

  /** The response passed to a call: a local helper is followed; anything else owns the response. */
  private judgeHandOffCall(call: NodePath<t.CallExpression>, ref: NodePath, root: NodePath): Effect {
    const source = this.ctx.file.source;
    const callee = call.node.callee;
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console' && isGlobal(call, 'console')) {
      return PLAIN;
    }
    const quoted = quoteSource(source, call.node);
    if (call.isCallExpression() && this.ctx.depth < MAX_DEPTH) {
      const target = getCalledFunction(call, this.ctx.file);
      const index = call.node.arguments.indexOf(ref.node as t.Expression);
      const param = target && index !== -1 ? target.fn.node.params[index] : undefined;
      if (target && !target.fn.node.async && !target.fn.node.generator && param?.type === 'Identifier' && !this.ctx.active.has(target.fn.node)) {
        const binding = target.fn.scope.getOwnBinding(param.name);
        if (binding) {
          const outcome = summarize(this.follow(target.fn, binding, target.file, 'own'));
          if (outcome === 'responds') return { kind: 'respond', node: root.node, late: false };
          if (outcome === 'never') return PLAIN;
          if (this.ctx.mode === 'handed') return { kind: 'handed' };
          return { kind: 'unsure', unsure: { node: root.node, reason: `${quoted} responds on some paths only, or in a way sendlast cannot follow` } };
        }
      }
    }
    if (this.ctx.mode === 'handed') return { kind: 'handed' };
    return { kind: 'unsure', unsure: { node: root.node, reason: `it passes the response to ${quoted}, which may respond` } };
  }

  /** A nested function using the response: an awaited promise chain's callback, or anything else. */
  private judgeCallback(fn: NodePath, root: NodePath): Effect {
    const source = this.ctx.file.source;
    const call = fn.parentPath;
    if (call?.isCallExpression() && call.node.callee.type === 'MemberExpression' && CHAIN_METHODS.has(getPropertyName(call.node.callee) ?? '')) {
      let top: NodePath = call;
      while (
        top.parentPath?.isMemberExpression() &&
        top.parentPath.parentPath?.isCallExpression() &&
        CHAIN_METHODS.has(getPropertyName(top.parentPath.node) ?? '')
      ) {
        top = top.parentPath.parentPath;
      }
      if (top.parentPath?.isAwaitExpression()) {
        const outcome = getExpressionResponse(this.handler, top);
        if (outcome === 'responds') return { kind: 'respond', node: root.node, late: false };
        if (this.ctx.mode !== 'handed') return { kind: 'maybe' };
      }
    }
    const described = quoteSource(source, call?.isCallExpression() ? call.node.callee : fn.node);
    if (this.ctx.mode === 'handed' && isFunctionNode(fn.node) && this.ctx.depth < MAX_DEPTH && !this.ctx.active.has(fn.node)) {
      const outcome = summarize(this.follow(fn as NodePath<FunctionNode>, this.handler.res, this.ctx.file, 'handed'));
      if (outcome === 'responds') return { kind: 'handed' };
    }
    return {
      kind: 'unsure',
      unsure: { node: root.node, reason: `it uses the response in a callback (of ${described}) that may respond at any time, or not at all` },
    };
  }

  /** Analyse another function (a helper, a callback) with `res` as its response. */
  private follow(fn: NodePath<FunctionNode>, res: Binding, file: SourceFile, mode: Mode): Analysis {
    const handler: Handler = { path: fn, kind: this.handler.kind, res, next: fn === this.handler.path ? this.handler.next : null, problem: null };
    return new Analyzer({ file, handler, mode, depth: this.ctx.depth + 1, active: this.ctx.active }).run();
  }
}

/** Why a statement leaves work running: it is a promise, may be one, or hands a callback on. */
const floatingKinds = new WeakMap<t.Node, 'promise' | 'unknown' | 'callback'>();
function markFloating(node: t.Node, kind: 'promise' | 'unknown' | 'callback'): t.Node {
  floatingKinds.set(node, kind);
  return node;
}

/**
 * Methods whose callbacks run before the call returns: array methods, `str.replace(re, fn)`,
 * `Array.from(x, fn)`, `JSON.parse(s, reviver)`, `JSON.stringify(v, replacer)`.
 */
const SYNCHRONOUS_CALLBACK_METHODS = new Set([...SYNCHRONOUS_ARRAY_METHODS, 'replace', 'replaceAll', 'from', 'parse', 'stringify']);

/**
 * A function handed to a call that may run it later (`setTimeout(fn)`, `fs.readFile(f, cb)`,
 * `req.on('end', fn)`): not an array method's callback, which runs at once, nor a promise
 * chain's (the chain itself is judged as a promise), nor an executor.
 */
function findDeferredCallback(expression: NodePath): t.Node | null {
  let current = expression;
  while (current.isAwaitExpression() || current.isParenthesizedExpression() || current.isTSAsExpression())
    current = current.get(current.isAwaitExpression() ? 'argument' : 'expression') as NodePath;
  if (expression.isAwaitExpression()) return null;
  if (!current.isCallExpression() && !current.isNewExpression() && !current.isOptionalCallExpression()) return null;
  const callee = current.node.callee;
  const method = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? getPropertyName(callee) : null;
  if (method !== null && (SYNCHRONOUS_CALLBACK_METHODS.has(method) || CHAIN_METHODS.has(method))) return null;
  if (current.isNewExpression() && callee.type === 'Identifier' && callee.name === 'Promise') return null;
  const args = current.node.arguments;
  return args.find((arg) => arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') ?? null;
}

/** A reference that is awaited, returned, or handed to an awaited `Promise.all([...])`. */
function isAwaitedOrReturned(ref: NodePath): boolean {
  for (let current: NodePath | null = ref.parentPath; current && !current.isStatement(); current = current.parentPath) {
    if (current.isAwaitExpression() || current.isFunction()) return current.isAwaitExpression();
  }
  const statement = ref.getStatementParent();
  return !!statement?.isReturnStatement();
}

/** Every path of a followed function responds, none does, or it depends. */
function summarize(analysis: Analysis): 'responds' | 'never' | 'mixed' {
  const states = [...analysis.end, ...analysis.exits.map((e) => e.state)];
  if (analysis.gaveUp || states.length === 0) return 'mixed';
  if (states.every((s) => s.sent === 'sent' || s.sent === 'handed')) return 'responds';
  if (states.every((s) => s.sent === 'none' && !s.unsure)) return 'never';
  return 'mixed';
}

function combine(effects: readonly Effect[], floating: t.Node | null): Effect {
  for (const kind of ['unsure', 'respond', 'handed', 'maybe'] as const) {
    const found = effects.find((e) => e.kind === kind);
    if (found) return found;
  }
  return { kind: 'plain', floating };
}

/** The binding of the handler's request parameter (the one before the response), if any. */
function getRequestBinding(handler: Handler): Binding | null {
  const params = handler.path.node.params;
  const index = params.indexOf(handler.res.path.node as t.Identifier);
  const request = index > 0 ? params[index - 1] : undefined;
  return request?.type === 'Identifier' ? (handler.path.scope.getOwnBinding(request.name) ?? null) : null;
}

/** References to the handler's response inside `path`: `res` itself and `req.res`. */
function getResponseRefs(handler: Handler, path: NodePath): NodePath[] {
  const refs = handler.res.referencePaths.filter((ref) => within(ref.node, path.node));
  for (const violation of handler.res.constantViolations) if (within(violation.node, path.node)) refs.push(violation);
  const binding = getRequestBinding(handler);
  if (binding) {
    for (const ref of binding.referencePaths) {
      const parent = ref.parentPath;
      if (parent?.isMemberExpression() && parent.node.object === ref.node && getPropertyName(parent.node) === 'res' && within(ref.node, path.node)) {
        refs.push(parent);
      }
    }
  }
  return refs.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
}

function isNextCall(handler: Handler, expression: NodePath): boolean {
  if (!handler.next || !expression.isCallExpression()) return false;
  const callee = expression.get('callee');
  return callee.isIdentifier() && callee.scope.getBinding(callee.node.name) === handler.next;
}

/** `!res.headersSent` (`negated`) or `res.headersSent` (`positive`) on the handler's response. */
function getHeadersSentTest(handler: Handler, test: NodePath): 'negated' | 'positive' | null {
  let negated = false;
  let current = test;
  if (current.isUnaryExpression({ operator: '!' })) {
    negated = true;
    current = current.get('argument') as NodePath;
  }
  if (!current.isMemberExpression() || getPropertyName(current.node) !== 'headersSent') return null;
  const object = current.get('object');
  if (!object.isIdentifier() || object.scope.getBinding(object.node.name) !== handler.res) return null;
  return negated ? 'negated' : 'positive';
}

/** `next(...)` called where it stands, not inside a callback of `root`. */
function isDirectCall(ref: NodePath, root: NodePath): boolean {
  const call = ref.parentPath;
  if (!call?.isCallExpression() || call.node.callee !== ref.node) return false;
  for (let current: NodePath | null = call.parentPath; current && current.node !== root.node; current = current.parentPath) {
    if (current.isFunction()) return false;
  }
  return true;
}

/** `cond ? res.status(422).json(e) : res.json(x)`: a choice between responses, each ending. */
function isResponseExpression(handler: Handler, expression: NodePath): boolean {
  let current = expression;
  while (current.isParenthesizedExpression() || current.isAwaitExpression())
    current = current.get(current.isAwaitExpression() ? 'argument' : 'expression') as NodePath;
  if (!current.isConditionalExpression()) return false;
  return [current.get('consequent'), current.get('alternate')].every(
    (branch) => !!getResponseCall(handler, unwrapParens(branch))?.ending || isResponseExpression(handler, branch),
  );
}

function unwrapParens(path: NodePath): NodePath {
  let current = path;
  while (current.isParenthesizedExpression()) current = current.get('expression') as NodePath;
  return current;
}

/** `res.end();` (also awaited or `void`): a call without arguments. */
function isCallWithoutArguments(statement: NodePath): boolean {
  if (!statement.isExpressionStatement()) return false;
  const expression = unwrapReturned(statement.get('expression') as NodePath);
  return expression.isCallExpression() && expression.node.arguments.length === 0;
}

/** The expression a `return` hands back, without `await` and `void`. */
function unwrapReturned(argument: NodePath): NodePath {
  let expression = argument;
  if (expression.isAwaitExpression()) expression = expression.get('argument') as NodePath;
  if (expression.isUnaryExpression({ operator: 'void' })) expression = expression.get('argument') as NodePath;
  return expression;
}

/** What a `return <argument>` is: a response, `next(...)`, nothing (`undefined`, `null`, `void x`), or a value. */
function getReturnKind(handler: Handler, argument: NodePath): 'response' | 'next' | 'bare' | 'value' {
  let expression = argument;
  if (expression.isAwaitExpression()) expression = expression.get('argument') as NodePath;
  if (expression.isUnaryExpression({ operator: 'void' })) {
    const operand = expression.get('argument') as NodePath;
    if (getResponseCall(handler, operand)?.ending) return 'response';
    return isPlainCode(handler, operand) && !operand.isCallExpression() ? 'bare' : 'value';
  }
  if (getResponseCall(handler, expression)?.ending || isResponseExpression(handler, expression)) return 'response';
  if (isNextCall(handler, expression)) return 'next';
  const node = unwrap(argument.node);
  if (node.type === 'Identifier' && node.name === 'undefined' && !argument.scope.getBinding('undefined')) return 'bare';
  // A handler's return value is ignored: `return null;` ends it as `return;` does. (Exported
  // functions returning such values are taken for helpers and left alone.)
  if (node.type === 'NullLiteral' || node.type === 'BooleanLiteral' || node.type === 'NumericLiteral') return 'bare';
  return 'value';
}

/** Code that neither uses the response nor `next` nor leaves its block (`return`, `throw`, `break`, `continue`). */
function isPlainCode(handler: Handler, path: NodePath): boolean {
  if (getResponseRefs(handler, path).length > 0) return false;
  if (handler.next && handler.next.referencePaths.some((ref) => within(ref.node, path.node))) return false;
  let jumps = false;
  const check = (p: NodePath) => {
    if (p.isReturnStatement() || p.isThrowStatement() || p.isBreakStatement() || p.isContinueStatement()) jumps = true;
  };
  check(path);
  path.traverse({
    Function(inner) {
      inner.skip();
    },
    enter(inner) {
      check(inner);
      if (jumps) inner.stop();
    },
  });
  return !jumps;
}

/**
 * The branch an early response belongs to: the statement list holding it (a block or a `case`),
 * or the response statement itself when it stands alone (`if (x) res.send()`).
 */
function getBranchNode(response: t.Node, handler: Handler): t.Node {
  const path = findPath(handler.path, response);
  if (!path) return response;
  return typeof path.key === 'number' ? path.parentPath!.node : response;
}

const pathCache = new WeakMap<t.Node, NodePath>();
function findPath(root: NodePath, node: t.Node): NodePath | null {
  const cached = pathCache.get(node);
  if (cached) return cached;
  let found: NodePath | null = null;
  root.traverse({
    enter(path) {
      if (path.node === node) {
        found = path;
        path.stop();
      } else if (!within(node, path.node)) {
        path.skip();
      }
    },
  });
  if (found) pathCache.set(node, found);
  return found;
}

export function analyzeHandler(handler: Handler, file: SourceFile, mode: Mode): Analysis {
  return new Analyzer({ file, handler, mode, depth: 0, active: new Set() }).run();
}

// ---------------------------------------------------------------------------------------------
// Rewriting

interface Run {
  file: SourceFile;
  options: TransformOptions;
  sites: Site[];
  findings: Finding[];
}

/** The ownership of a handler as the analysis sees it. */
/** Is the handler's `next` used inside a function nested in the handler (a callback that may run after it returns)? */
function isNextCalledLater(handler: Handler): boolean {
  return !!handler.next?.referencePaths.some((ref) => ref.getFunctionParent()?.node !== handler.path.node);
}

function getMode(handler: Handler, ownership: Ownership): Mode {
  if (!ownership.handedOff) return 'own';
  const next = handler.next;
  const isNext = !!next && next.referencePaths.some((ref) => ref.node === ownership.node || ref.parentPath?.node === ownership.node);
  return isNext ? 'next' : 'handed';
}

/** The file's statement-ending style near `node`: `;` or nothing. */
function getStyleSemicolon(source: string, node: t.Node | null): string {
  if (node && /^(Expression|Variable|Return|Throw|Break|Continue)/.test(node.type)) return getSemicolon(source, node.end!);
  return /;[ \t]*\r?$/m.test(source) ? ';' : '';
}

const FLOATING_WHY = {
  promise: 'starts a promise nobody awaits',
  unknown: 'is not awaited and may return a promise',
  callback: 'hands on a callback that may run later',
} as const;

/** A node standing for a position (the closing brace of the handler), for findings and sites. */
function pointAt(loc: t.SourceLocation['end'], offset: number): t.Node {
  return { type: 'Noop', start: offset, end: offset + 1, loc: { start: loc, end: { ...loc, column: loc.column + 1 } } } as unknown as t.Node;
}

function lineOf(node: t.Node): number {
  return node.loc?.start.line ?? 0;
}

/** A place where paths end without a response, and what is done there. */
interface Ending {
  /** Where it is reported. */
  anchor: t.Node;
  /** The statement the response goes after (`after`) or before (`before`). */
  statement: NodePath;
  where: 'after' | 'before';
  /** Whether the statement must be wrapped in braces (alone in an `if`/`else`). */
  wrap: boolean;
  states: State[];
  /** Lines whose disable comment keeps this ending as it is. */
  lines: number[];
  /** Describes the place for messages: "here", "at the end of the `try` block"... */
  description: string;
}

class Rewriter {
  constructor(
    readonly run: Run,
    readonly handler: Handler,
    readonly analysis: Analysis,
    readonly mode: Mode,
    readonly ownership: Ownership,
  ) {}

  get source(): string {
    return this.run.file.source;
  }

  private disabled(lines: readonly number[]): boolean {
    return lines.some((line) => isDisabled(this.run.file.disabled, line, NAME));
  }

  private report(node: t.Node, kind: string, message: string, severity: Severity = 'warning'): void {
    this.run.findings.push(createFinding(NAME, node, kind, message, severity));
  }

  /** Every place where paths end without a response. */
  endings(): void {
    const body = this.handler.path.get('body') as NodePath<t.BlockStatement>;
    const handlerLine = lineOf(this.handler.path.node);
    const bodyEnd = body.node.loc!.end;
    const closing = pointAt({ ...bodyEnd, column: Math.max(0, bodyEnd.column - 1) }, body.node.end! - 1);
    const endings: Ending[] = [];
    if (!body.node.body.some((s) => s.type !== 'FunctionDeclaration' && s.type !== 'EmptyStatement')) {
      if (!this.disabled([handlerLine])) {
        this.report(
          this.handler.path.node,
          'empty-handler',
          "left alone: the handler does nothing, so it never responds and the client waits until the platform's timeout; respond, or remove it",
        );
      }
      return;
    }
    const end = this.analysis.end;
    if (end.some(isMissing) && !this.hasTopLevelChainThatEnds(body)) {
      endings.push(...(this.placeTail(body, end, closing, [handlerLine, lineOf(closing)], 'at the end of the handler') ?? []));
    }
    const byReturn = new Map<t.ReturnStatement, State[]>();
    for (const exit of this.analysis.exits) {
      if (exit.kind !== 'bare') continue;
      const list = byReturn.get(exit.node) ?? [];
      list.push(exit.state);
      byReturn.set(exit.node, list);
    }
    for (const [node, states] of byReturn) {
      if (!states.some(isMissing)) continue;
      const statement = findPath(this.handler.path, node);
      if (!statement) continue;
      endings.push({
        anchor: node,
        statement,
        where: 'before',
        wrap: isSingleStatementPosition(statement),
        states: dedupe(states),
        lines: [handlerLine, lineOf(node)],
        description: 'at this `return`',
      });
    }
    for (const ending of endings.sort((x, y) => (x.anchor.start ?? 0) - (y.anchor.start ?? 0))) this.endOne(ending);
  }

  /**
   * Every path that reaches the end of the handler ran its top-level statements: one that is a
   * promise chain ending the request on both paths (`find(id).then((u) => res.json(u)).catch(next)`)
   * answers it, whenever it settles.
   */
  private hasTopLevelChainThatEnds(body: NodePath<t.BlockStatement>): boolean {
    return body.get('body').some((statement) => statement.isExpressionStatement() && chainEndsRequest(this.handler, statement.get('expression')));
  }

  /**
   * Where the response for the paths completing `statement` goes: into the branches of a final
   * `if`/`else` or `try`/`catch` that lack one, or after the statement. Null when it cannot go
   * there (an empty block). `anchor` is where the ending is reported (null: the statement the
   * response goes after).
   */
  private placeTail(statement: NodePath, states: State[], anchor: t.Node | null, lines: number[], description: string): Ending[] | null {
    if (statement.isBlockStatement()) {
      const items = statement.get('body').filter((s) => !s.isFunctionDeclaration() && !s.isEmptyStatement());
      const last = items[items.length - 1];
      if (!last) return null;
      return this.placeTail(last, this.analysis.falls.get(last.node) ?? states, anchor, lines, description);
    }
    const branches: { path: NodePath; anchor: t.Node | null; description: string }[] = [];
    if (statement.isIfStatement() && statement.node.alternate) {
      branches.push(
        { path: statement.get('consequent'), anchor: null, description: 'at the end of the `if` branch' },
        { path: statement.get('alternate') as NodePath, anchor: null, description: 'at the end of the `else` branch' },
      );
    } else if (statement.isTryStatement() && !statement.node.finalizer && statement.node.handler) {
      const clause = statement.get('handler') as NodePath<t.CatchClause>;
      branches.push(
        { path: statement.get('block'), anchor: null, description: 'at the end of the `try` block' },
        { path: clause.get('body'), anchor: clause.node, description: 'at the end of the `catch`' },
      );
    }
    if (branches.length > 0 && branches.every((b) => this.analysis.falls.has(b.path.node))) {
      const placed: Ending[] = [];
      for (const branch of branches) {
        const falls = this.analysis.falls.get(branch.path.node)!;
        if (!falls.some(isMissing)) continue;
        const nested = this.placeTail(branch.path, falls, branch.anchor, [...lines, lineOf(branch.path.node)], branch.description);
        if (!nested) return [this.after(statement, states, anchor, lines, description)];
        placed.push(...nested);
      }
      return placed;
    }
    return [this.after(statement, states, anchor, lines, description)];
  }

  private after(statement: NodePath, states: State[], anchor: t.Node | null, lines: number[], description: string): Ending {
    return {
      anchor: anchor ?? statement.node,
      statement,
      where: 'after',
      wrap: isSingleStatementPosition(statement),
      states,
      lines: [...lines, lineOf(statement.node)],
      description,
    };
  }

  private endOne(ending: Ending): void {
    if (this.disabled(ending.lines)) return;
    if (this.reportLeftAlone(ending)) return;
    // An exported function that never sends a response itself, or returns values, is most likely
    // a helper another handler calls (`setCorsHeaders(req, res)`): left alone silently.
    if (isHelperLike(this.handler)) return;
    if (this.reportLateResponse(ending)) return;
    this.addDefaultResponse(ending);
  }

  /** Reports why a path without a response is left alone (an error path, a hand-off, `next`, an unsure or unawaited step); false when none applies. */
  private reportLeftAlone(ending: Ending): boolean {
    const missing = ending.states.filter(isMissing);
    const caught = missing.find((s) => s.caught)?.caught;
    const source = this.source;
    const where = ending.description;
    if (caught) {
      const action =
        this.mode === 'next' ? 'respond there, or pass the error on with `next(err)`' : 'respond there, for example with `res.status(500).send(...)`';
      this.report(
        caught,
        'catch-path-never-responds',
        `left alone: on the path through this \`catch\` the handler ends without a response${ending.anchor === caught ? '' : ` (${where})`}, so on an error the client waits until the platform's timeout; sendlast adds no response on an error path (which status the error deserves is yours to decide, and 200 would hide it): ${action}`,
      );
      return true;
    }
    if (this.mode === 'handed' && this.ownership.handedOff) {
      this.report(
        ending.anchor,
        'path-without-response-handed-off',
        `left alone: a path of this handler ends without a response (${where}), but the response is handed off, ${this.ownership.reason}; whatever holds it may respond, so sendlast adds none: respond on this path if nothing else does`,
      );
      return true;
    }
    if (this.mode === 'next') {
      // `next` called from a callback (an upload parser's 'finish' listener, a chain's `.then`)
      // passes control on after the handler has returned: a path that ends here is waiting for it.
      if (isNextCalledLater(this.handler)) return true;
      this.report(
        ending.anchor,
        'path-without-response-or-next',
        `left alone: a path of this handler ends without a response or a \`next()\` call (${where}); the handler passes control on with \`next\` elsewhere, so sendlast cannot tell which this path should do: respond, or call \`next()\``,
      );
      return true;
    }
    const unsure = missing.find((s) => s.unsure)?.unsure;
    if (unsure) {
      this.report(
        ending.anchor,
        'may-have-responded',
        `left alone: a path of this handler may end without a response (${where}), but sendlast cannot tell whether it responded: ${unsure.reason}; a response added here could be a second one`,
      );
      return true;
    }
    const floating = missing.find((s) => s.floating)?.floating;
    if (floating) {
      this.report(
        floating,
        'unawaited-work-before-end',
        `left alone: the handler ends without a response (${where}) after ${quoteSource(source, floating)}, which ${
          FLOATING_WHY[floatingKinds.get(floating) ?? 'unknown']
        }: a response added there would let the platform stop that work before it is done; await it (or make clear it is synchronous), then respond`,
      );
      return true;
    }
    return false;
  }

  /** Reports a path where another path responded with a method that sends later (a guard would not see it); false when none did. */
  private reportLateResponse(ending: Ending): boolean {
    const source = this.source;
    const where = ending.description;
    const guarded = ending.states.some((s) => s.sent !== 'none');
    const late = ending.states.find((s) => s.sent === 'sent' && s.late);
    if (guarded && late) {
      const origin = late.origin ? ` (${quoteSource(source, late.origin)})` : '';
      this.report(
        ending.anchor,
        'may-have-responded',
        `left alone: some paths end without a response (${where}), but another path reaching the same place responded with a method that sends later${origin}: \`res.headersSent\` is still false right after it, so a guarded response would be sent too; respond on the paths that lack one`,
      );
      return true;
    }
    return false;
  }

  /** Adds the default response at the end of the path, guarded when some path reaching it may have responded. */
  private addDefaultResponse(ending: Ending): void {
    const source = this.source;
    const where = ending.description;
    const guarded = ending.states.some((s) => s.sent !== 'none');
    const statement = ending.statement!;
    const response = getDefaultResponse(this.handler, this.run.file, this.run.options.respond);
    const resName = this.handler.res.identifier.name;
    const semi = getStyleSemicolon(source, statement.node);
    const line = guarded ? `if (!${resName}.headersSent) ${response}${semi}` : `${response}${semi}`;
    const range = { start: statement.node.start!, end: statement.node.end! };
    const edits: TextEdit[] =
      ending.where === 'before' ? insertStatementsBefore(source, range, [line], ending.wrap) : insertStatementsAfter(source, range, [line], ending.wrap);
    this.run.sites.push({
      transform: NAME,
      ...getPosition(ending.anchor),
      message: guarded
        ? `adds a guarded response where some paths end without one (${where})`
        : `adds the default response where the handler ends without one (${where})`,
      edits,
    });
    if (guarded) {
      this.report(
        ending.anchor,
        'guarded-response',
        `added a guarded response (${where}; sent only when nothing responded before it on the path): some paths reaching it have responded or may have; check which response the client should get`,
        'info',
      );
    }
  }

  /** Early responses in a branch after which the handler goes on. */
  earlyResponses(): void {
    const origins = new Set<t.Node>([...this.analysis.seconds.keys(), ...this.analysis.wentOn.keys()]);
    const handlerLine = lineOf(this.handler.path.node);
    for (const origin of [...origins].sort((a, b) => (a.start ?? 0) - (b.start ?? 0))) {
      const statement = findPath(this.handler.path, origin);
      // Responses outside a branch, and second responses in the same branch, are respond-last's.
      if (!statement || !statement.isExpressionStatement() || !isInBranch(statement)) continue;
      const branch = getBranchNode(origin, this.handler);
      if (this.disabled([handlerLine, lineOf(origin), lineOf(branch)])) continue;
      const quoted = quoteSource(this.source, (origin as t.ExpressionStatement).expression);
      const seconds = [...(this.analysis.seconds.get(origin) ?? [])]
        .filter((second) => second === origin || !within(second, branch))
        .sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
      const escapes = this.analysis.escapes.has(origin);
      const plan = seconds.length > 0 && !escapes ? this.planReturn(statement) : null;
      if (plan && typeof plan !== 'string') {
        this.run.sites.push({
          transform: NAME,
          ...getPosition(origin),
          message: 'ends the handler after an early response (`return;`): every path after it would respond a second time',
          edits: plan,
        });
        continue;
      }
      const wentOn = this.analysis.wentOn.get(origin);
      if (seconds.length === 0 && !wentOn) continue;
      const second = seconds.find((s) => s !== origin) ?? seconds[0];
      const why =
        typeof plan === 'string'
          ? plan
          : second
            ? `on some paths it responds again (${quoteSource(this.source, second)}), which Express answers with ERR_HTTP_HEADERS_SENT, but not on every path, so sendlast adds no \`return;\``
            : isNextStatement(this.handler, wentOn!)
              ? `it calls ${quoteSource(this.source, wentOn!)} after the response, which passes the request on to the next handler (a second response there throws ERR_HTTP_HEADERS_SENT)`
              : `it runs ${quoteSource(this.source, wentOn!)} after the response, where the platform may already have stopped it`;
      this.report(
        origin,
        'goes-on-after-response',
        `left alone: after the response ${quoted} the handler goes on: ${why}; end the branch with \`return;\` if nothing after it should run on this path`,
      );
    }
  }

  /** The edits adding `return;` after an early response, or why not. */
  private planReturn(statement: NodePath<t.ExpressionStatement>): TextEdit[] | string | null {
    const source = this.source;
    const semi = getSemicolon(source, statement.node.end!);
    if (typeof statement.key !== 'number') {
      return insertStatementsAfter(source, { start: statement.node.start!, end: statement.node.end! }, [`return${semi}`], true);
    }
    const siblings = statement.parentPath!.get(statement.parentPath!.isSwitchCase() ? 'consequent' : 'body') as NodePath[];
    const rest = siblings.slice((statement.key as number) + 1);
    const last = rest[rest.length - 1];
    const jump = last && (last.isBreakStatement() || last.isContinueStatement()) && !last.node.label ? last : null;
    const between = jump ? rest.slice(0, -1) : rest;
    if (between.some((s) => !isPlainCode(this.handler, s))) return 'the statements after it in its branch leave the branch or use the response';
    if (jump) {
      const keyword = jump.isBreakStatement() ? 'break' : 'continue';
      return [{ start: jump.node.start!, end: jump.node.start! + keyword.length, text: 'return' }];
    }
    const after = rest.length > 0 ? rest[rest.length - 1]! : statement;
    return insertStatementsAfter(source, { start: after.node.start!, end: after.node.end! }, [`return${getStyleSemicolon(source, after.node) || semi}`], false);
  }

  /** A `.then` callback that responds while a later `.then` of the same chain responds again. */
  thenChains(): void {
    const handler = this.handler;
    const handlerLine = lineOf(handler.path.node);
    handler.path.traverse({
      CallExpression: (call) => {
        const callee = call.node.callee;
        if (callee.type !== 'MemberExpression' || getPropertyName(callee) !== 'then') return;
        const first = call.get('arguments')[0];
        if (!first || !first.isFunction()) return;
        const response = findOwnResponse(handler, first);
        if (!response) return;
        let current: NodePath = call;
        for (;;) {
          const member = current.parentPath;
          if (!member?.isMemberExpression() || member.node.object !== current.node) return;
          const next = member.parentPath;
          if (!next?.isCallExpression() || next.node.callee !== member.node) return;
          const method = getPropertyName(member.node);
          if (method === 'catch') {
            current = next;
            continue;
          }
          if (method !== 'then' && method !== 'finally') return;
          const callback = next.get('arguments')[0];
          const again = callback?.isFunction() ? findOwnResponse(handler, callback) : null;
          if (!again) {
            current = next;
            continue;
          }
          const statement = response.getStatementParent() ?? response;
          if (this.disabled([handlerLine, lineOf(statement.node), lineOf(response.node)])) return;
          this.report(
            statement.node,
            'response-does-not-stop-chain',
            `left alone: ${quoteSource(this.source, response.node)} in a \`.then\` callback does not stop the chain: the next \`.${method}\` callback still runs and responds again (${quoteSource(this.source, again.node)}), which Express answers with ERR_HTTP_HEADERS_SENT; throw to skip the rest of the chain, or await each step and return after responding`,
          );
          return;
        }
      },
    });
  }
}

/** A statement calling the handler's `next` (`next();`, `return next(err);`). */
function isNextStatement(handler: Handler, node: t.Node): boolean {
  const statement = findPath(handler.path, node);
  if (!statement) return false;
  let expression: NodePath | null = statement.isExpressionStatement() ? (statement.get('expression') as NodePath) : null;
  if (statement.isReturnStatement() && statement.node.argument) expression = statement.get('argument') as NodePath;
  return !!expression && isNextCall(handler, unwrapReturned(expression));
}

/** Is the response statement inside an `if`/`else`, `try`, `catch` or `case` of the handler's own body? */
function isInBranch(statement: NodePath): boolean {
  if (typeof statement.key !== 'number') return !!statement.parentPath?.isIfStatement();
  const owner = statement.parentPath!;
  if (owner.isSwitchCase()) return true;
  if (!owner.isBlockStatement()) return false;
  const parent = owner.parentPath;
  if (!parent) return false;
  if (parent.isIfStatement() || parent.isCatchClause()) return true;
  return parent.isTryStatement() && owner.key === 'block';
}

/** The first ending response call on the handler's response in a callback's own body (not in nested functions). */
function findOwnResponse(handler: Handler, fn: NodePath): NodePath | null {
  const body = fn.get('body') as NodePath;
  if (!body.isBlockStatement()) return getResponseCall(handler, body)?.ending ? body : null;
  let found: NodePath | null = null;
  body.traverse({
    Function(inner) {
      inner.skip();
    },
    CallExpression(call) {
      if (!found && getResponseCall(handler, call)?.ending) {
        found = call;
        call.stop();
      }
    },
  });
  return found;
}

/**
 * Does an exported function look like a helper another handler calls rather than an HTTP
 * function: it uses its response but never sends one, or it returns values its caller reads?
 */
function isHelperLike(handler: Handler): boolean {
  if (handler.kind !== 'export') return false;
  let responds = false;
  let returnsValue = false;
  handler.path.traverse({
    CallExpression(call) {
      if (getResponseCall(handler, call)?.ending) responds = true;
    },
    ReturnStatement(ret) {
      if (ret.getFunctionParent()?.node !== handler.path.node) return;
      const argument = ret.node.argument;
      if (argument && /Literal$|^ObjectExpression$|^ArrayExpression$/.test(unwrap(argument).type) && argument.type !== 'TemplateLiteral') returnsValue = true;
    },
  });
  return returnsValue || (!responds && handler.res.referencePaths.length > 0);
}

export function run(file: SourceFile, options: TransformOptions): TransformResult {
  const context: Run = { file, options, sites: [], findings: [] };
  for (const handler of file.handlers) {
    if (handler.problem) continue;
    const body = handler.path.get('body');
    if (!body.isBlockStatement()) continue;
    if (isDisabled(file.disabled, lineOf(handler.path.node), NAME)) continue;
    // A response sent while a chain is built (respond-last reports it): it has responded, too early.
    if (findEagerResponses(handler, file).length > 0) continue;
    const ownership = getOwnership(handler, file);
    const mode = getMode(handler, ownership);
    const analysis = analyzeHandler(handler, file, mode);
    const rewriter = new Rewriter(context, handler, analysis, mode, ownership);
    rewriter.thenChains();
    if (analysis.gaveUp) continue;
    rewriter.earlyResponses();
    rewriter.endings();
  }
  context.sites.sort((a, b) => a.line - b.line || a.column - b.column);
  context.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { sites: context.sites, findings: context.findings };
}

export const definition = {
  name: NAME,
  description: 'respond where an HTTP handler ends without responding, and end the handler after an early response',
  options: [RESPOND_OPTION],
  run,
};

export default createJscodeshiftTransform(definition);
