/**
 * The checks behind test/property.test.ts: running the transforms on generated programs
 * (memoised), and reading input and output with Babel directly (scopes and bindings) to check the
 * properties. The handler is found by its first parameter `req` (only generated handlers have
 * one), not through transforms/lib, so a bug in the shared matchers cannot hide itself.
 */
import { diffLines } from 'diff';
import traverseModule, { type Binding, type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { applyTransforms, getParserForPath, readTransformOptions, type ApplyResult, type Finding } from '../../transforms';
import { parseSource } from '../../transforms/lib/parse';
import type { Program } from './generate';

// @babel/traverse is CommonJS with a `default` property; interop differs between tsc and jest.
const traverse: typeof traverseModule = (traverseModule as unknown as { default?: typeof traverseModule }).default ?? traverseModule;

/** Methods that end the response, listed here independently of transforms/lib so the properties do not repeat its mistakes. */
const ENDING = new Set(['send', 'json', 'jsonp', 'end', 'sendStatus', 'sendFile', 'download', 'redirect', 'render']);

// ---------------------------------------------------------------------------------------------
// Running the transforms (memoised: every property sees the same programs, by the fixed seed)

type Outcome = { ok: true; result: ApplyResult } | { ok: false; error: unknown };
const cache = new Map<string, Outcome>();

function run(source: string, program: Program, transforms: readonly string[] | undefined): Outcome {
  const key = `${transforms?.join('+') ?? 'all'}\0${program.path}\0${program.respond ?? ''}\0${source}`;
  let outcome = cache.get(key);
  if (!outcome) {
    try {
      outcome = {
        ok: true,
        result: applyTransforms(source, { path: program.path, transforms, transformOptions: readTransformOptions({ respond: program.respond }) }),
      };
    } catch (error) {
      outcome = { ok: false, error };
    }
    cache.set(key, outcome);
  }
  return outcome;
}

export function show(text: string): string {
  return text.replace(/\r/g, '\\r');
}

/** Run, or fail with the program and the error. */
export function transform(program: Program, transforms: readonly string[] | undefined, source = program.source): ApplyResult {
  const outcome = run(source, program, transforms);
  if (!outcome.ok) {
    const e = outcome.error;
    throw new Error(`applyTransforms threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n--- input\n${show(source)}`);
  }
  return outcome.result;
}

export function fail(message: string, program: Program, result: ApplyResult): never {
  const findings = result.findings.map((f) => `  ${f.line}:${f.column} ${f.transform}: ${f.message}`).join('\n');
  throw new Error(
    `${message}\n--- input (${program.path}${program.respond ? `, respond: ${program.respond}` : ''})\n${show(program.source)}` +
      `\n--- output\n${show(result.output)}\n--- findings\n${findings || '  (none)'}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Reading a program independently of transforms/lib

interface Inspected {
  source: string;
  fn: NodePath<t.Function>;
  res: Binding;
  /** Ending response calls on the handler's response binding (anywhere inside the handler). */
  endings: Set<t.Node>;
  /** Each ending call's enclosing function. */
  owners: Map<t.Node, t.Node>;
}

function inspect(source: string, path: string, resName: string): Inspected {
  const ast = parseSource(source, getParserForPath(path));
  let fn: NodePath<t.Function> | null = null;
  traverse(ast, {
    Function(p) {
      const first = p.node.params[0];
      if (first?.type === 'Identifier' && first.name === 'req') {
        fn = p;
        p.stop();
      }
    },
  });
  if (!fn) throw new Error(`no handler (a function whose first parameter is req) in\n${show(source)}`);
  const handler: NodePath<t.Function> = fn;
  const res = handler.scope.getOwnBinding(resName);
  if (!res) throw new Error(`handler has no parameter ${resName}`);
  const endings = new Set<t.Node>();
  const owners = new Map<t.Node, t.Node>();
  for (const ref of res.referencePaths) {
    let current: NodePath = ref;
    for (;;) {
      const parent = current.parentPath;
      if (!parent) break;
      if ((parent.isMemberExpression() && parent.node.object === current.node) || (parent.isCallExpression() && parent.node.callee === current.node)) {
        current = parent;
      } else break;
    }
    if (current === ref || !current.isCallExpression()) continue;
    const callee = current.node.callee;
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && ENDING.has(callee.property.name)) {
      endings.add(current.node);
      owners.set(current.node, current.getFunctionParent()!.node);
    }
  }
  return { source, fn: handler, res, endings, owners };
}

function unwrapExpression(node: t.Node): t.Node {
  let current = node;
  while (
    current.type === 'ParenthesizedExpression' ||
    current.type === 'TSAsExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSSatisfiesExpression'
  ) {
    current = current.expression;
  }
  return current;
}

/** `res.send(x);`, `res.status(201).json(x);`, `await res.end();` on the handler's response. */
function isResponseStatement(info: Inspected, statement: t.Node): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  let expression = unwrapExpression(statement.expression);
  if (expression.type === 'AwaitExpression') expression = unwrapExpression(expression.argument);
  if (expression.type === 'UnaryExpression' && expression.operator === 'void') expression = unwrapExpression(expression.argument);
  return info.endings.has(expression);
}

/** A call chain whose innermost object is the handler's response (`res.status(400).send()`, `res.set()`). */
function isResponseChain(info: Inspected, path: NodePath): boolean {
  let current: NodePath = path;
  for (;;) {
    if (current.isCallExpression()) current = current.get('callee') as NodePath;
    else if (current.isMemberExpression()) current = current.get('object');
    else if (current.isIdentifier()) return current.scope.getBinding(current.node.name) === info.res;
    else return false;
  }
}

/**
 * `load().then((data) => res.json(data))`: a chain whose `.then` (or `.finally`) callback sends the
 * response in its own body, straight-line, seen through `.catch(...)` calls outside it. Returning
 * it ends the request as awaiting it would.
 */
function isChainThatResponds(info: Inspected, path: NodePath): boolean {
  let current: NodePath = path;
  while (current.isCallExpression()) {
    const callee = current.get('callee');
    if (!callee.isMemberExpression() || callee.node.property.type !== 'Identifier') return false;
    const method = callee.node.property.name;
    if (method === 'then' || method === 'finally') {
      const callback = current.get('arguments')[0];
      return !!callback && (callback.isArrowFunctionExpression() || callback.isFunctionExpression()) && callbackResponds(info, callback);
    }
    if (method !== 'catch') return false;
    current = callee.get('object');
  }
  return false;
}

function callbackResponds(info: Inspected, callback: NodePath<t.ArrowFunctionExpression | t.FunctionExpression>): boolean {
  const body = callback.get('body');
  if (!body.isBlockStatement()) return isResponseChain(info, body);
  const statements = body.get('body');
  return (
    statements.every((s) => s.isExpressionStatement()) &&
    statements.some((s) => isResponseChain(info, (s as NodePath<t.ExpressionStatement>).get('expression')))
  );
}

/** `if (!res.headersSent) ...`: a response that cannot be a second one. */
function isHeadersSentGuard(info: Inspected, path: NodePath<t.IfStatement>): boolean {
  const test = path.get('test');
  if (!test.isUnaryExpression({ operator: '!' })) return false;
  const argument = test.get('argument');
  if (!argument.isMemberExpression()) return false;
  const object = argument.get('object');
  const property = argument.node.property;
  return property.type === 'Identifier' && property.name === 'headersSent' && object.isIdentifier() && object.scope.getBinding(object.node.name) === info.res;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** Tag -> line in the input (every generated statement carries a unique `'sN'`). */
function getTagLines(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  for (const match of source.matchAll(/'(s\d+)'/g)) lines.set(match[1]!, lineOf(source, match.index));
  return lines;
}

/** Output line -> input line, for lines the transforms did not touch. */
function getUnchangedLineMap(input: string, output: string): Map<number, number> {
  const map = new Map<number, number>();
  let inLine = 1;
  let outLine = 1;
  for (const change of diffLines(input, output)) {
    const count = change.count ?? 0;
    if (change.added) outLine += count;
    else if (change.removed) inLine += count;
    else {
      for (let i = 0; i < count; i++) map.set(outLine + i, inLine + i);
      inLine += count;
      outLine += count;
    }
  }
  return map;
}

/**
 * The input line an output statement came from: by a tag on its first line, else by the line diff
 * when its first line is unchanged, else by its first tag (moved code keeps its text), else from the
 * nearest unchanged line above.
 */
function getInputLine(info: Inspected, node: t.Node, tagLines: Map<string, number>, unchanged: Map<number, number>): number | null {
  const text = info.source.slice(node.start!, node.end!);
  const match = /'(s\d+)'/.exec(text);
  const startLine = lineOf(info.source, node.start!);
  const tagLine = match ? tagLines.get(match[1]!) : undefined;
  const tagOffset = match ? lineOf(info.source, node.start! + match.index) - startLine : 0;
  if (tagLine !== undefined && tagOffset === 0) return tagLine;
  const same = unchanged.get(startLine);
  if (same !== undefined) return same;
  if (tagLine !== undefined) return tagLine - tagOffset;
  // Not tagged and changed (`res.send(200)` became `res.sendStatus(200)`): count from the nearest
  // unchanged line above (or below).
  for (let distance = 1; distance <= unchanged.size + startLine; distance++) {
    const above = unchanged.get(startLine - distance);
    if (above !== undefined) return above + distance;
    const below = unchanged.get(startLine + distance);
    if (below !== undefined) return below - distance;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Counting responses on paths

interface Flow {
  /** Most responses sent on a path that completes normally (-Infinity: none completes). */
  fall: number;
  /** Most responses sent on a path that returns. */
  ret: number;
  /** Most responses sent on a path that may throw from here (into a `catch`). */
  thr: number;
}

const NONE = -Infinity;

/**
 * Responses sent on the worst path through the handler. A nested function (callback) counts as
 * called once where it appears; `if (!res.headersSent)` guards count as no response; response
 * statements themselves are not throw points (so `try { await p; res.send() } catch { res.send() }`
 * counts one, not two). Over-approximates the same way for input and output.
 */
function countWorstPath(info: Inspected): number {
  return functionMax(info, info.fn);
}

function functionMax(info: Inspected, fn: NodePath<t.Function>): number {
  const body = fn.get('body');
  if (body.isBlockStatement()) {
    const flow = listFlow(info, body.get('body'), 0);
    return Math.max(0, flow.fall, flow.ret, flow.thr);
  }
  return expressionCount(info, body as NodePath);
}

function expressionCount(info: Inspected, path: NodePath): number {
  if (path.isFunction()) return functionMax(info, path);
  let count = info.endings.has(path.node) ? 1 : 0;
  path.traverse({
    Function(inner) {
      count += functionMax(info, inner);
      inner.skip();
    },
    CallExpression(call) {
      if (info.endings.has(call.node)) count += 1;
    },
  });
  return count;
}

/**
 * The flow through statements run in order, while control still falls through: `none` marks a
 * path that does not exist, `pick` combines the returns and throws of each statement (the most for
 * the worst path, the fewest for the best).
 */
function sequenceFlow<F extends Flow | MinFlow>(
  statements: NodePath<t.Statement>[],
  before: number,
  none: number,
  pick: (a: number, b: number) => number,
  step: (statement: NodePath<t.Statement>, before: number) => F,
): F {
  let flow = { fall: before, ret: none, thr: none } as F;
  for (const statement of statements) {
    if (flow.fall === none) break;
    const next = step(statement, flow.fall);
    flow = { fall: next.fall, ret: pick(flow.ret, next.ret), thr: pick(flow.thr, next.thr) } as F;
  }
  return flow;
}

function listFlow(info: Inspected, statements: NodePath<t.Statement>[], before: number): Flow {
  return sequenceFlow(statements, before, NONE, Math.max, (statement, at) => statementFlow(info, statement, at));
}

function statementFlow(info: Inspected, path: NodePath<t.Statement>, before: number): Flow {
  if (path.isBlockStatement()) return listFlow(info, path.get('body'), before);
  if (path.isEmptyStatement() || path.isFunctionDeclaration()) return { fall: before, ret: NONE, thr: NONE };
  if (path.isIfStatement()) {
    const at = before + expressionCount(info, path.get('test'));
    const consequent = isHeadersSentGuard(info, path) ? { fall: at, ret: NONE, thr: at } : statementFlow(info, path.get('consequent'), at);
    const alternatePath = path.get('alternate');
    const alternate = alternatePath.node ? statementFlow(info, alternatePath as NodePath<t.Statement>, at) : { fall: at, ret: NONE, thr: NONE };
    return {
      fall: Math.max(consequent.fall, alternate.fall),
      ret: Math.max(consequent.ret, alternate.ret),
      thr: Math.max(before, consequent.thr, alternate.thr),
    };
  }
  if (path.isTryStatement()) {
    const block = statementFlow(info, path.get('block'), before);
    const handlerPath = path.get('handler');
    let result = block;
    if (handlerPath.node && block.thr !== NONE) {
      const caught = statementFlow(info, (handlerPath as NodePath<t.CatchClause>).get('body'), block.thr);
      result = { fall: Math.max(block.fall, caught.fall), ret: Math.max(block.ret, caught.ret), thr: caught.thr };
    }
    const finalizer = path.get('finalizer');
    if (finalizer.node) {
      const extra = expressionCount(info, finalizer as NodePath);
      const add = (n: number) => (n === NONE ? NONE : n + extra);
      result = { fall: add(result.fall), ret: add(result.ret), thr: add(result.thr) };
    }
    return result;
  }
  if (path.isReturnStatement()) {
    const argument = path.get('argument');
    if (!argument.node) return { fall: NONE, ret: before, thr: NONE };
    const count = expressionCount(info, argument as NodePath);
    return { fall: NONE, ret: before + count, thr: before + count };
  }
  if (path.isThrowStatement()) {
    return { fall: NONE, ret: NONE, thr: before + expressionCount(info, path.get('argument')) };
  }
  const count = expressionCount(info, path);
  const thr = isResponseStatement(info, path.node) ? before : before + count;
  return { fall: before + count, ret: NONE, thr };
}

// ---------------------------------------------------------------------------------------------
// The properties, as checks on one program

/** (1) The output parses with the parser the path picks. */
export function checkParses(program: Program, result: ApplyResult): void {
  try {
    parseSource(result.output, getParserForPath(program.path));
  } catch (error) {
    fail(`(1) the output does not parse: ${(error as Error).message}`, program, result);
  }
}

/** (2) Running the same transforms on the output changes nothing. */
export function checkIdempotent(program: Program, transforms: readonly string[] | undefined, result: ApplyResult): void {
  const again = transform(program, transforms, result.output);
  if (again.output !== result.output) {
    fail(`(2) not idempotent; the second run gives\n${show(again.output)}`, program, result);
  }
}

/** Returns that are fine to leave: literals, `undefined`, `void x`, `res`, response calls, `next()`. */
function isLeftAloneReturnValue(info: Inspected, value: NodePath): boolean {
  const node = unwrapExpression(value.node);
  switch (node.type) {
    case 'NullLiteral':
    case 'BooleanLiteral':
    case 'NumericLiteral':
    case 'BigIntLiteral':
    case 'StringLiteral':
    case 'TemplateLiteral':
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'RegExpLiteral':
      return true;
    case 'Identifier':
      return node.name === 'undefined' || value.scope.getBinding(node.name) === info.res;
    case 'UnaryExpression':
      return node.operator === 'void';
    case 'CallExpression':
      if (node.callee.type === 'Identifier' && node.callee.name === 'next') return true;
      return isResponseChain(info, value) || isChainThatResponds(info, value);
    default:
      return false;
  }
}

function hasFindingOn(findings: readonly Finding[], line: number | null, lastLine = line): boolean {
  return line !== null && lastLine !== null && findings.some((f) => f.line >= line && f.line <= lastLine);
}

/**
 * (3) No `return <non-literal>` (nor concise body) is left in the handler's own body, nested
 * functions aside, unless a finding is on its input line.
 */
export function checkNoPromiseReturn(program: Program, result: ApplyResult): void {
  const info = inspect(result.output, program.path, program.model.res);
  const tagLines = getTagLines(program.source);
  const unchanged = getUnchangedLineMap(program.source, result.output);
  // A handler whose response is handed off gets one finding naming where it went, for all its returns.
  const handedOff = result.findings.some((f) => f.rule === 'await-then-send/response-handed-off');
  const complain = (node: t.Node, what: string) => {
    const inputLine = getInputLine(info, node, tagLines, unchanged);
    if (!handedOff && !hasFindingOn(result.findings, inputLine)) {
      fail(
        `(3) handler-level ${what} \`${info.source.slice(node.start!, node.end!)}\` (input line ${inputLine ?? '?'}) is left without a finding on its line`,
        program,
        result,
      );
    }
  };
  const body = info.fn.get('body');
  if (!body.isBlockStatement()) {
    if (!isLeftAloneReturnValue(info, body as NodePath)) complain(body.node, 'concise arrow body');
    return;
  }
  body.traverse({
    Function(inner) {
      inner.skip();
    },
    ReturnStatement(statement) {
      const argument = statement.get('argument');
      if (!argument.node || isLeftAloneReturnValue(info, argument as NodePath)) return;
      complain(statement.node, 'return');
    },
  });
}

/** Does evaluating `node` do work (a call, `new`, `await`, an assignment), nested functions aside? */
function doesWork(node: t.Node): boolean {
  let found = false;
  traverse(node, {
    noScope: true,
    enter(path) {
      if (path.isFunction()) path.skip();
      else if (path.isCallExpression() || path.isNewExpression() || path.isAwaitExpression() || path.isAssignmentExpression() || path.isUpdateExpression()) {
        found = true;
        path.stop();
      }
    },
  });
  return found;
}

/**
 * `return;` ends the post-response work of a block, and so does a `return`/`throw` of a
 * value that does no work (`return null`, `return 'ok'`, `return r`): in a callback that value is
 * its result. A `return`/`throw` whose value does work (`return save(x)`, `return helper(req, res)`)
 * is post-response work itself.
 */
function isBlockEnd(statement: t.Statement): boolean {
  if (statement.type !== 'ReturnStatement' && statement.type !== 'ThrowStatement') return false;
  return !statement.argument || !doesWork(statement.argument);
}

/** Does `statement` hold an ending response call of its own function (not of a callback inside it)? */
function containsResponse(info: Inspected, statement: t.Statement): boolean {
  for (const [call, owner] of info.owners) {
    const inside = statement.start! <= call.start! && call.end! <= statement.end!;
    const ownerOutside = owner.start! < statement.start! || owner.end! > statement.end!;
    if (inside && ownerOutside) return true;
  }
  return false;
}

/** Does `statement` never complete normally (returns or throws on every path)? */
function isAbrupt(statement: t.Statement): boolean {
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return statement.body.some(isAbrupt);
    case 'IfStatement':
      return !!statement.alternate && isAbrupt(statement.consequent) && isAbrupt(statement.alternate);
    case 'TryStatement':
      return (
        (!!statement.finalizer && isAbrupt(statement.finalizer)) || (isAbrupt(statement.block) && (!statement.handler || isAbrupt(statement.handler.body)))
      );
    default:
      return false;
  }
}

/** The blocks of the handler (nested functions included) with their reachable statements only. */
function findReachableBlocks(info: Inspected): t.Statement[][] {
  const blocks: t.BlockStatement[] = [];
  if (info.fn.node.body.type === 'BlockStatement') blocks.push(info.fn.node.body);
  info.fn.traverse({
    BlockStatement(block) {
      blocks.push(block.node);
    },
  });
  const dead: t.Statement[] = [];
  const reachable = blocks.map((block) => {
    const end = block.body.findIndex(isAbrupt);
    dead.push(...block.body.slice(end === -1 ? block.body.length : end + 1));
    return end === -1 ? block.body : block.body.slice(0, end + 1);
  });
  const isDead = (node: t.Node) => dead.some((d) => d.start! <= node.start! && node.end! <= d.end!);
  return reachable.filter((_, i) => !isDead(blocks[i]!));
}

/**
 * (4) In every reachable block of the handler (callbacks included), nothing but `return;` follows
 * a response group, unless a finding lies on the lines of the group and what follows it (or of the
 * post-response region an earlier responding statement of the block starts).
 */
/**
 * `console.log('x', y.z);`: a console line whose arguments call nothing. Right after a response it
 * runs at once and writes synchronously, so it may stay there. (Generated programs never shadow
 * `console`.)
 */
function isConsoleLine(statement: t.Statement): boolean {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') return false;
  const { callee, arguments: args } = statement.expression;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'console') return false;
  const plain = (node: t.Node): boolean =>
    node.type === 'StringLiteral' ||
    node.type === 'NumericLiteral' ||
    node.type === 'Identifier' ||
    (node.type === 'MemberExpression' && !node.computed && plain(node.object)) ||
    (node.type === 'TemplateLiteral' && node.expressions.every(plain));
  return args.every(plain);
}

export function checkNothingAfterResponse(program: Program, result: ApplyResult): void {
  const info = inspect(result.output, program.path, program.model.res);
  const tagLines = getTagLines(program.source);
  const unchanged = getUnchangedLineMap(program.source, result.output);
  for (const statements of findReachableBlocks(info)) {
    for (let i = 0; i < statements.length; ) {
      if (!isResponseStatement(info, statements[i]!)) {
        i += 1;
        continue;
      }
      let j = i;
      while (j < statements.length && isResponseStatement(info, statements[j]!)) j += 1;
      const following: t.Statement[] = [];
      for (let k = j; k < statements.length && !isBlockEnd(statements[k]!); k++) {
        const statement = statements[k]!;
        if (statement.type !== 'EmptyStatement' && statement.type !== 'FunctionDeclaration' && !isConsoleLine(statement)) following.push(statement);
      }
      if (following.length > 0) {
        // The lines the group and the following statements span in the input.
        const starts: number[] = [];
        const ends: number[] = [];
        for (const s of [...statements.slice(i, j), ...following]) {
          const line = getInputLine(info, s, tagLines, unchanged);
          if (line === null) continue;
          starts.push(line);
          ends.push(line + lineOf(info.source, s.end!) - lineOf(info.source, s.start!));
        }
        // A statement earlier in the block that may respond (`try { res.json(r) } catch { ... }`)
        // starts a region of post-response work that one finding may name as a whole.
        const responder = statements.slice(0, i).findIndex((s) => containsResponse(info, s));
        if (responder !== -1) {
          const line = getInputLine(info, statements[responder + 1]!, tagLines, unchanged);
          if (line !== null) starts.push(line);
        }
        const first = starts.length > 0 ? Math.min(...starts) : null;
        const last = ends.length > 0 ? Math.max(...ends) : null;
        if (!hasFindingOn(result.findings, first, last)) {
          const group = statements
            .slice(i, j)
            .map((s) => info.source.slice(s.start!, s.end!))
            .join(' ');
          const after = following.map((s) => info.source.slice(s.start!, s.end!).split(/\r?\n/)[0]).join(' | ');
          fail(
            `(4) \`${after}\` follows the response group \`${group}\` (input lines ${first ?? '?'}-${last ?? '?'}) and no finding names it`,
            program,
            result,
          );
        }
      }
      i = j;
    }
  }
}

/**
 * (5) At most one response call added per rewritten return (await-then-send) or per path end given
 * a response (end-handler: a site whose edits write a call on the response), and no path through
 * the handler sends more responses than the worst input path (or more than one where the input
 * sent none).
 */
export function checkResponsesDoNotMultiply(program: Program, result: ApplyResult): void {
  const before = inspect(program.source, program.path, program.model.res);
  const after = inspect(result.output, program.path, program.model.res);
  const writesResponse = new RegExp(`\\b${program.model.res}\\.`);
  const rewrittenReturns = result.sites.filter(
    (s) => s.transform === 'await-then-send' || (s.transform === 'end-handler' && s.edits.some((e) => writesResponse.test(e.text))),
  ).length;
  if (after.endings.size > before.endings.size + rewrittenReturns) {
    fail(
      `(5) ${after.endings.size} response calls in the output, ${before.endings.size} in the input and ${rewrittenReturns} rewritten returns or path ends`,
      program,
      result,
    );
  }
  const worstBefore = countWorstPath(before);
  const worstAfter = countWorstPath(after);
  if (worstAfter > Math.max(worstBefore, 1)) {
    fail(
      `(5) a path through the handler now sends ${worstAfter} responses (input: at most ${worstBefore}): a response was added after another one`,
      program,
      result,
    );
  }
}

// ---------------------------------------------------------------------------------------------

/** A statement that floats a promise the generator knows is one: `fetch(...)`, `[...].forEach(async ...)`. */
function isKnownFloatingPromise(statement: t.ExpressionStatement): boolean {
  const expression = statement.expression;
  if (expression.type !== 'CallExpression') return false;
  const callee = expression.callee;
  if (callee.type === 'Identifier') return callee.name === 'fetch';
  const callback = expression.arguments[0];
  return (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'ArrayExpression' &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'forEach' &&
    !!callback &&
    (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression') &&
    callback.async
  );
}

/**
 * (7) No promise is left floating in the handler's own body (nested functions aside) without a
 * finding on its input line, or one finding saying the handler's response is handed off. Work
 * after a response of the handler's own body is (4)'s to check.
 */
export function checkNoFloatingPromise(program: Program, result: ApplyResult): void {
  const info = inspect(result.output, program.path, program.model.res);
  const tagLines = getTagLines(program.source);
  const unchanged = getUnchangedLineMap(program.source, result.output);
  const handedOff = result.findings.some((f) => f.rule === 'await-floating/response-handed-off');
  const body = info.fn.get('body');
  if (!body.isBlockStatement()) return;
  body.traverse({
    Function(inner) {
      inner.skip();
    },
    ExpressionStatement(statement) {
      if (!isKnownFloatingPromise(statement.node)) return;
      const afterResponse = [...info.owners].some(([call, owner]) => owner === info.fn.node && call.start! < statement.node.start!);
      if (afterResponse) return;
      const inputLine = getInputLine(info, statement.node, tagLines, unchanged);
      if (handedOff || hasFindingOn(result.findings, inputLine)) return;
      fail(
        `(7) the promise \`${info.source.slice(statement.node.start!, statement.node.end!)}\` (input line ${inputLine ?? '?'}) is left floating in the handler without a finding on its line`,
        program,
        result,
      );
    },
  });
}

// ---------------------------------------------------------------------------------------------
// (8) Paths that end without a response

interface MinFlow {
  /** Fewest responses sent on a path that completes normally (Infinity: none completes). */
  fall: number;
  /** Fewest responses sent on a path that ends with `return;` (or `return <response>`). */
  ret: number;
  /** Fewest responses sent at a point that may throw (into a `catch`). */
  thr: number;
}

const NEVER = Infinity;

/** Is the handler's response passed to a call, or used in a nested function, inside `path`? */
function handsOff(info: Inspected, path: NodePath): boolean {
  return info.res.referencePaths.some((ref) => {
    if (ref.node.start! < path.node.start! || ref.node.end! > path.node.end!) return false;
    const inner = ref.getFunctionParent();
    if (inner && inner.node !== info.fn.node) return true;
    const parent = ref.parentPath;
    return !(parent?.isMemberExpression() && parent.node.object === ref.node);
  });
}

/** Ending response calls of the handler itself (not of a nested function) inside `path`. */
function countOwnResponses(info: Inspected, path: NodePath): number {
  let count = 0;
  for (const [call, owner] of info.owners) {
    if (owner === info.fn.node && call.start! >= path.node.start! && call.end! <= path.node.end!) count += 1;
  }
  return count;
}

function minListFlow(info: Inspected, statements: NodePath<t.Statement>[], before: number): MinFlow {
  return sequenceFlow(statements, before, NEVER, Math.min, (statement, at) => minStatementFlow(info, statement, at));
}

/**
 * The fewest responses on each kind of path through a statement of the handler's own body. A
 * hand-off of the response (passed to a call, used in a callback) counts as a response; a
 * `return <value>` ends no path here (await-then-send's business); `if (!res.headersSent)` sends
 * on exactly the paths that have not responded.
 */
function minStatementFlow(info: Inspected, path: NodePath<t.Statement>, before: number): MinFlow {
  if (path.isBlockStatement()) return minListFlow(info, path.get('body'), before);
  if (path.isEmptyStatement() || path.isFunctionDeclaration()) return { fall: before, ret: NEVER, thr: NEVER };
  if (path.isIfStatement()) {
    if (isHeadersSentGuard(info, path)) {
      const sent = minStatementFlow(info, path.get('consequent'), 0);
      return { fall: before >= 1 ? before : Math.min(sent.fall, 1), ret: NEVER, thr: before };
    }
    const consequent = minStatementFlow(info, path.get('consequent'), before);
    const alternatePath = path.get('alternate');
    const alternate = alternatePath.node ? minStatementFlow(info, alternatePath as NodePath<t.Statement>, before) : { fall: before, ret: NEVER, thr: NEVER };
    return {
      fall: Math.min(consequent.fall, alternate.fall),
      ret: Math.min(consequent.ret, alternate.ret),
      thr: Math.min(before, consequent.thr, alternate.thr),
    };
  }
  if (path.isTryStatement()) {
    const block = minStatementFlow(info, path.get('block'), before);
    const handlerPath = path.get('handler');
    if (!handlerPath.node || block.thr === NEVER) return block;
    const caught = minStatementFlow(info, (handlerPath as NodePath<t.CatchClause>).get('body'), block.thr);
    return { fall: Math.min(block.fall, caught.fall), ret: Math.min(block.ret, caught.ret), thr: caught.thr };
  }
  if (path.isReturnStatement()) {
    const argument = path.get('argument');
    if (!argument.node) return { fall: NEVER, ret: before, thr: before };
    if (isResponseChain(info, argument as NodePath) && countOwnResponses(info, argument as NodePath) > 0) {
      return { fall: NEVER, ret: before + 1, thr: before };
    }
    return { fall: NEVER, ret: NEVER, thr: before };
  }
  if (path.isThrowStatement()) return { fall: NEVER, ret: NEVER, thr: before };
  const count = countOwnResponses(info, path) + (handsOff(info, path) ? 1 : 0);
  return { fall: before + count, ret: NEVER, thr: before };
}

/**
 * (8) end-handler: unless it reported a finding, every path of the handler's own body that ends
 * normally (falls off the end, or `return;`) has responded (or handed the response off).
 */
export function checkEveryPathResponds(program: Program, result: ApplyResult): void {
  if (result.findings.some((f) => f.transform === 'end-handler')) return;
  const info = inspect(result.output, program.path, program.model.res);
  const body = info.fn.get('body');
  if (!body.isBlockStatement()) return;
  const flow = minListFlow(info, body.get('body'), 0);
  const fewest = Math.min(flow.fall, flow.ret);
  if (fewest < 1) {
    fail(`(8) a path through the handler ends without a response and end-handler reported nothing`, program, result);
  }
}
