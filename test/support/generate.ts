/**
 * Generated HTTP handler programs for the property-based tests (test/property.test.ts).
 *
 * A program is generated as a small model (handler shape, function form, statements) and then
 * rendered to source text in one of several file styles (LF or CRLF, tabs or spaces, semicolons or
 * none). Every statement the generator writes carries a unique string tag (`'s12'`), so a test can
 * map a statement of the output back to the line it came from in the input, whatever moved.
 * Tags are assigned while rendering, so shrinking the model keeps working.
 */
import fc from 'fast-check';

export type ResName = 'res' | 'resp' | 'response';

/** Recognised handler shapes: every registration form of the README's "HTTP handlers sendlast recognises". */
export type Shape =
  | 'functions-framework'
  | 'firebase-v1'
  | 'firebase-v1-region'
  | 'firebase-v2'
  | 'exports-dot'
  | 'module-exports'
  | 'export-const'
  | 'express'
  | 'node-http';

/** How the function is registered: as an HTTP handler, or in a way that makes it no handler. */
export type Registration = 'handler' | 'pubsub' | 'unexported';

export type PromiseKind =
  | 'save'
  | 'db-set'
  | 'promise-all'
  | 'then-sends'
  | 'then-block-sends'
  | 'then-shadowed'
  | 'catch-sends'
  | 'helper'
  | 'new-promise'
  | 'await'
  | 'conditional'
  | 'pipe'
  | 'cors';

export type ResponseKind =
  | 'send'
  | 'status-json'
  | 'end'
  | 'send-status'
  | 'send-numeric'
  | 'send-status-body'
  | 'json-status-body'
  | 'redirect-status'
  | 'json-total';

export type WorkKind =
  | 'console-log'
  | 'logger'
  | 'db-set'
  | 'const'
  | 'await-save'
  | 'const-await'
  | 'total'
  | 'res-header'
  /** Floating promises any reader can see are promises: a global `fetch`, async `forEach` callbacks over an array literal. */
  | 'fetch'
  | 'foreach-async';

export type OtherReturnKind = 'bare' | 'null' | 'string' | 'res-call';

export type CommentKind = 'none' | 'line' | 'block' | 'trailing' | 'blank-line';

export type Stmt =
  | { type: 'return-promise'; promise: PromiseKind; comment: CommentKind }
  | { type: 'return-other'; kind: OtherReturnKind; comment: CommentKind }
  | { type: 'respond'; kind: ResponseKind; comment: CommentKind }
  | { type: 'work'; kind: WorkKind; comment: CommentKind }
  | { type: 'then'; body: Stmt[]; comment: CommentKind }
  | { type: 'timeout'; body: Stmt[]; comment: CommentKind }
  | { type: 'shadow'; body: Stmt[]; comment: CommentKind }
  | { type: 'if'; consequent: Stmt[]; alternate: Stmt[] | null; braced: boolean; comment: CommentKind }
  | { type: 'try'; block: Stmt[]; handler: Stmt[]; comment: CommentKind };

export interface Style {
  eol: '\n' | '\r\n';
  indent: '\t' | '  ' | '    ';
  semi: boolean;
  finalNewline: boolean;
}

export interface ProgramModel {
  shape: Shape;
  /** Wanted language; shapes that exist in only one language override it. */
  ts: boolean;
  fnKind: 'arrow' | 'function';
  async: boolean;
  res: ResName;
  /** TypeScript only: typed parameters and return type. */
  typed: boolean;
  /** `let total = 0` first in the handler (a variable post-response work may write). */
  declareTotal: boolean;
  /** Statements, or a concise arrow body (forces an arrow). */
  body: Stmt[] | { concise: PromiseKind | 'res-send' };
  style: Style;
  /** The `respond` option passed to the transforms. */
  respond: string | undefined;
}

export interface Program {
  model: ProgramModel;
  registration: Registration;
  source: string;
  /** A path whose extension picks the parser, as the CLI does. */
  path: string;
  respond: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const MAX_DEPTH = 2;

const commentArb: fc.Arbitrary<CommentKind> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<CommentKind>('none') },
  { weight: 1, arbitrary: fc.constantFrom<CommentKind>('line', 'block', 'trailing', 'blank-line') },
);

const promiseArb = fc.constantFrom<PromiseKind>(
  'save',
  'db-set',
  'promise-all',
  'then-sends',
  'then-block-sends',
  'then-shadowed',
  'catch-sends',
  'helper',
  'new-promise',
  'await',
  'conditional',
  'pipe',
  'cors',
);

const responseArb = fc.constantFrom<ResponseKind>(
  'send',
  'status-json',
  'end',
  'send-status',
  'send-numeric',
  'send-status-body',
  'json-status-body',
  'redirect-status',
  'json-total',
);

const workArb = fc.constantFrom<WorkKind>(
  'console-log',
  'logger',
  'db-set',
  'const',
  'await-save',
  'const-await',
  'total',
  'res-header',
  'fetch',
  'foreach-async',
);

const otherReturnArb = fc.constantFrom<OtherReturnKind>('bare', 'null', 'string', 'res-call');

/** A `return` statement: only ever the last statement of a block (no unreachable code). */
const returnArb: fc.Arbitrary<Stmt> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('return-promise' as const), promise: promiseArb, comment: commentArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('return-other' as const), kind: otherReturnArb, comment: commentArb }) },
);

/** A statement that is not a `return`. */
function stmtArb(depth: number): fc.Arbitrary<Stmt> {
  const leaves: fc.WeightedArbitrary<Stmt>[] = [
    { weight: 3, arbitrary: fc.record({ type: fc.constant('respond' as const), kind: responseArb, comment: commentArb }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constant('work' as const), kind: workArb, comment: commentArb }) },
  ];
  if (depth <= 0) return fc.oneof(...leaves);
  const body = stmtsArb(depth - 1);
  return fc.oneof(
    ...leaves,
    { weight: 1, arbitrary: fc.record({ type: fc.constant('then' as const), body, comment: commentArb }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('timeout' as const), body, comment: commentArb }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('shadow' as const), body, comment: commentArb }) },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('if' as const),
        consequent: body,
        alternate: fc.option(body, { nil: null }),
        braced: fc.boolean(),
        comment: commentArb,
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('try' as const), block: body, handler: body, comment: commentArb }) },
  );
}

/** A block: statements, then possibly a `return`. An unbraced `if` may hold a lone `return`. */
function stmtsArb(depth: number): fc.Arbitrary<Stmt[]> {
  return fc
    .tuple(fc.array(stmtArb(depth), { maxLength: depth === MAX_DEPTH ? 6 : 3 }), fc.option(returnArb, { nil: null, freq: 2 }))
    .map(([stmts, last]) => (last ? [...stmts, last] : stmts));
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  eol: fc.constantFrom<Style['eol']>('\n', '\r\n'),
  indent: fc.constantFrom<Style['indent']>('  ', '\t', '    '),
  semi: fc.boolean(),
  finalNewline: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

export const modelArb: fc.Arbitrary<ProgramModel> = fc.record({
  shape: fc.constantFrom<Shape>(
    'functions-framework',
    'firebase-v1',
    'firebase-v1-region',
    'firebase-v2',
    'exports-dot',
    'module-exports',
    'export-const',
    'express',
    'node-http',
  ),
  ts: fc.boolean(),
  fnKind: fc.constantFrom<'arrow' | 'function'>('arrow', 'function'),
  async: fc.boolean(),
  res: fc.constantFrom<ResName>('res', 'resp', 'response'),
  typed: fc.boolean(),
  declareTotal: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  body: fc.oneof(
    { weight: 9, arbitrary: stmtsArb(MAX_DEPTH) },
    {
      weight: 1,
      arbitrary: fc.record({
        concise: fc.oneof(
          promiseArb.filter((p) => p !== 'await'),
          fc.constant('res-send' as const),
        ),
      }),
    },
  ),
  style: styleArb,
  respond: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('res.status(204).end()') }),
});

/** A program with an HTTP handler (the model's shape). */
export const handlerProgramArb: fc.Arbitrary<Program> = modelArb.map((model) => render(model, 'handler'));

/** The same bodies in a function that is no HTTP handler (a Pub/Sub trigger, or not exported). */
export const handlerFreeProgramArb: fc.Arbitrary<Program> = fc
  .tuple(modelArb, fc.constantFrom<Registration>('pubsub', 'unexported'))
  .map(([model, registration]) => render(model, registration));

// ---------------------------------------------------------------------------------------------
// Rendering

interface Line {
  level: number;
  text: string;
}

interface Context {
  res: ResName;
  canAwait: boolean;
  declareTotal: boolean;
}

/** Resolved language facts of a model. */
export function getLanguage(model: ProgramModel): 'js' | 'ts' {
  if (model.shape === 'export-const') return 'ts';
  if (model.shape === 'exports-dot' || model.shape === 'module-exports') return 'js';
  return model.ts ? 'ts' : 'js';
}

/** Does `stmt` return on every path (so statements after it would be unreachable)? */
function isAbrupt(stmt: Stmt): boolean {
  switch (stmt.type) {
    case 'return-promise':
    case 'return-other':
      return true;
    case 'if':
      return stmt.alternate !== null && stmt.consequent.some(isAbrupt) && stmt.alternate.some(isAbrupt);
    case 'try':
      return stmt.block.some(isAbrupt) && stmt.handler.some(isAbrupt);
    default:
      return false;
  }
}

class Renderer {
  private tag = 0;
  private variable = 0;

  constructor(private readonly semi: string) {}

  nextTag(): string {
    this.tag += 1;
    return `'s${this.tag}'`;
  }

  nextVariable(): string {
    this.variable += 1;
    return `v${this.variable}`;
  }

  /** A promise expression; the first line continues the statement, further lines are given. */
  promise(kind: PromiseKind, ctx: Context, level: number): Line[] {
    const R = ctx.res;
    const T = this.nextTag();
    const one = (text: string): Line[] => [{ level, text }];
    switch (kind) {
      case 'save':
        return one(`save(${T})`);
      case 'db-set':
        return one(`db.doc(${T}).set({ ok: true })`);
      case 'promise-all':
        return one(`Promise.all([save(${T}), save(${this.nextTag()})])`);
      case 'then-sends':
        return one(`load(${T}).then((data) => ${R}.json(data))`);
      case 'then-block-sends':
        return [
          { level, text: `load(${T}).then((data) => {` },
          { level: level + 1, text: `${R}.status(200).json(data)${this.semi}` },
          { level, text: `})` },
        ];
      case 'then-shadowed':
        return one(`fetch(${T}).then((${R}) => ${R}.json())`);
      case 'catch-sends':
        return one(`save(${T}).catch((err) => ${R}.status(500).send(err.message))`);
      case 'helper':
        return one(`helper(req, ${R}, ${T})`);
      case 'new-promise':
        return one(`new Promise((resolve) => setTimeout(resolve, 10, ${T}))`);
      case 'await':
        return one(ctx.canAwait ? `await save(${T})` : `save(${T})`);
      case 'conditional':
        return one(`cond(${T}) ? save(${this.nextTag()}) : Promise.resolve()`);
      case 'pipe':
        return one(`stream(${T}).pipe(${R})`);
      case 'cors':
        return one(`cors(req, ${R}, () => ${R}.send(${T}))`);
    }
  }

  response(kind: ResponseKind, ctx: Context): string {
    const R = ctx.res;
    switch (kind) {
      case 'send':
        return `${R}.send(${this.nextTag()})`;
      case 'status-json':
        return `${R}.status(201).json({ id: ${this.nextTag()} })`;
      case 'end':
        return `${R}.end()`;
      case 'send-status':
        return `${R}.sendStatus(204)`;
      case 'send-numeric':
        return `${R}.send(200)`;
      case 'send-status-body':
        return `${R}.send(201, ${this.nextTag()})`;
      case 'json-status-body':
        return `${R}.json(400, { error: ${this.nextTag()} })`;
      case 'redirect-status':
        return `${R}.redirect(${this.nextTag()}, 301)`;
      case 'json-total':
        return ctx.declareTotal ? `${R}.json({ total })` : `${R}.json({ total: ${this.nextTag()} })`;
    }
  }

  work(kind: WorkKind, ctx: Context): { text: string; declaration: boolean } {
    const T = this.nextTag();
    switch (kind) {
      case 'console-log':
        return { text: `console.log(${T})`, declaration: false };
      case 'logger':
        return { text: `logger.info(${T})`, declaration: false };
      case 'db-set':
        return { text: `db.doc(${T}).set({ at: Date.now() })`, declaration: false };
      case 'const':
        return { text: `const ${this.nextVariable()} = compute(${T})`, declaration: true };
      case 'await-save':
        return { text: ctx.canAwait ? `await save(${T})` : `save(${T})`, declaration: false };
      case 'const-await':
        return { text: `const ${this.nextVariable()} = ${ctx.canAwait ? 'await ' : ''}load(${T})`, declaration: true };
      case 'total':
        return { text: ctx.declareTotal ? `total += count(${T})` : `count(${T})`, declaration: false };
      case 'res-header':
        return { text: `${ctx.res}.set('x-tag', ${T})`, declaration: false };
      case 'fetch':
        return { text: `fetch(${T})`, declaration: false };
      case 'foreach-async':
        // Without semicolons, a line that starts with `[` continues the previous one: write `;[` as people do.
        return { text: `${this.semi ? '' : ';'}[${T}, ${this.nextTag()}].forEach(async (tag) => { await save(tag)${this.semi} })`, declaration: false };
    }
  }

  /** A statement that fits on one line and may stand alone in an unbraced `if`, or null. */
  simple(stmt: Stmt, ctx: Context): string | null {
    switch (stmt.type) {
      case 'return-promise': {
        const lines = this.promise(stmt.promise, ctx, 0);
        if (lines.length !== 1) return null;
        return `return ${lines[0]!.text}${this.semi}`;
      }
      case 'return-other':
        return this.otherReturn(stmt.kind, ctx);
      case 'respond':
        return `${this.response(stmt.kind, ctx)}${this.semi}`;
      case 'work': {
        if (stmt.kind === 'const' || stmt.kind === 'const-await') return null;
        return `${this.work(stmt.kind, ctx).text}${this.semi}`;
      }
      default:
        return null;
    }
  }

  otherReturn(kind: OtherReturnKind, ctx: Context): string {
    switch (kind) {
      case 'bare':
        return `return${this.semi}`;
      case 'null':
        return `return null${this.semi}`;
      case 'string':
        return `return 'ok'${this.semi}`;
      case 'res-call':
        return `return ${ctx.res}.status(400).send(${this.nextTag()})${this.semi}`;
    }
  }

  /** The statements of a block, up to the first one that always returns (no unreachable code). */
  block(stmts: readonly Stmt[], ctx: Context, level: number): Line[] {
    const end = stmts.findIndex(isAbrupt);
    return (end === -1 ? stmts : stmts.slice(0, end + 1)).flatMap((s) => this.statement(s, ctx, level));
  }

  /** `head {` body `}tail` */
  braced(head: string, body: readonly Stmt[], ctx: Context, level: number, tail: string): Line[] {
    return [{ level, text: `${head}{` }, ...this.block(body, ctx, level + 1), { level, text: `}${tail}` }];
  }

  statement(stmt: Stmt, ctx: Context, level: number): Line[] {
    const semi = this.semi;
    let lines: Line[];
    switch (stmt.type) {
      case 'return-promise': {
        const promise = this.promise(stmt.promise, ctx, level);
        lines = promise.map((l, i) => ({ level: l.level, text: i === 0 ? `return ${l.text}` : l.text }));
        lines[lines.length - 1]!.text += semi;
        break;
      }
      case 'return-other':
        lines = [{ level, text: this.otherReturn(stmt.kind, ctx) }];
        break;
      case 'respond':
        lines = [{ level, text: `${this.response(stmt.kind, ctx)}${semi}` }];
        break;
      case 'work':
        lines = [{ level, text: `${this.work(stmt.kind, ctx).text}${semi}` }];
        break;
      case 'then': {
        const inner = { ...ctx, canAwait: false };
        lines = this.braced(`work(${this.nextTag()}).then((r) => `, stmt.body, inner, level, `)${semi}`);
        break;
      }
      case 'timeout': {
        const inner = { ...ctx, canAwait: false };
        lines = this.braced('setTimeout(() => ', stmt.body, inner, level, `, 10)${semi}`);
        break;
      }
      case 'shadow': {
        // `(err, res) =>` shadows the handler's response: its calls are not the handler's.
        const inner = { ...ctx, canAwait: false };
        lines = this.braced(`client.get(${this.nextTag()}, (err, ${ctx.res}) => `, stmt.body, inner, level, `)${semi}`);
        break;
      }
      case 'if': {
        const test = `if (cond(${this.nextTag()})) `;
        const single = (body: readonly Stmt[] | null) => (body && body.length === 1 ? body[0]! : null);
        const consequent = single(stmt.consequent);
        const alternate = single(stmt.alternate);
        if (!stmt.braced && consequent && (stmt.alternate === null || alternate)) {
          // Render in source order so tags stay in order.
          const first = this.simple(consequent, ctx);
          const second = alternate ? this.simple(alternate, ctx) : '';
          if (first !== null && second !== null) {
            lines = [{ level, text: `${test}${first}` }];
            if (alternate) lines.push({ level, text: `else ${second}` });
            break;
          }
        }
        lines = this.braced(test, stmt.consequent, ctx, level, stmt.alternate ? ' else ' : '');
        if (stmt.alternate) {
          const last = lines.pop()!;
          const elseLines = this.braced('', stmt.alternate, ctx, level, '');
          elseLines[0]!.text = last.text + elseLines[0]!.text;
          lines.push(...elseLines);
        }
        break;
      }
      case 'try': {
        lines = this.braced('try ', stmt.block, ctx, level, ' catch (err) ');
        const last = lines.pop()!;
        const handler = this.braced('', stmt.handler, ctx, level, '');
        handler[0]!.text = last.text + handler[0]!.text;
        lines.push(...handler);
        break;
      }
    }
    switch (stmt.comment) {
      case 'line':
        return [{ level, text: '// next step' }, ...lines];
      case 'block':
        lines[0]!.text = `/* step */ ${lines[0]!.text}`;
        return lines;
      case 'trailing':
        lines[lines.length - 1]!.text += ' // done';
        return lines;
      case 'blank-line':
        return [{ level: 0, text: '' }, ...lines];
      case 'none':
        return lines;
    }
  }
}

/** Shapes that only export the handler: nothing in the file registers it. */
const EXPORT_SHAPES: ReadonlySet<ProgramModel['shape']> = new Set(['exports-dot', 'module-exports', 'export-const']);

/** Render a model as a source file, registered as `registration` says. */
export function render(model: ProgramModel, registration: Registration): Program {
  const { style } = model;
  const semi = style.semi ? ';' : '';
  const lang = getLanguage(model);
  const ts = lang === 'ts';
  const r = new Renderer(semi);
  const R = model.res;
  const concise = !Array.isArray(model.body) ? model.body : null;
  const fnKind = concise ? 'arrow' : model.fnKind;
  const typed = ts && model.typed;
  const ctx: Context = { res: R, canAwait: model.async, declareTotal: model.declareTotal };

  const preamble: string[] = [];
  let open: string; // text before the function
  let close: string; // text after the function
  if (registration === 'pubsub') {
    preamble.push(ts ? `import * as functions from 'firebase-functions'${semi}` : `const functions = require('firebase-functions')${semi}`);
    open = `${ts ? 'export const job = ' : 'exports.job = '}functions.pubsub.topic('t').onPublish(`;
    close = `)${semi}`;
  } else if (registration === 'unexported') {
    open = 'const handler = ';
    close = semi;
  } else {
    switch (model.shape) {
      case 'functions-framework':
        preamble.push(ts ? `import * as ff from '@google-cloud/functions-framework'${semi}` : `const ff = require('@google-cloud/functions-framework')${semi}`);
        open = `ff.http('handler', `;
        close = `)${semi}`;
        break;
      case 'firebase-v1':
      case 'firebase-v1-region': {
        preamble.push(ts ? `import * as functions from 'firebase-functions'${semi}` : `const functions = require('firebase-functions')${semi}`);
        const region = model.shape === 'firebase-v1-region' ? `.region('europe-west1')` : '';
        open = `${ts ? 'export const handler = ' : 'exports.handler = '}functions${region}.https.onRequest(`;
        close = `)${semi}`;
        break;
      }
      case 'firebase-v2':
        preamble.push(
          ts ? `import { onRequest } from 'firebase-functions/v2/https'${semi}` : `const { onRequest } = require('firebase-functions/v2/https')${semi}`,
        );
        open = `${ts ? 'export const handler = ' : 'exports.handler = '}onRequest(`;
        close = `)${semi}`;
        break;
      case 'exports-dot':
        open = 'exports.handler = ';
        close = semi;
        break;
      case 'module-exports':
        open = 'module.exports = ';
        close = semi;
        break;
      case 'export-const':
        open = 'export const handler = ';
        close = semi;
        break;
      case 'express':
        preamble.push(ts ? `import express from 'express'${semi}` : `const express = require('express')${semi}`);
        preamble.push(`const app = express()${semi}`);
        open = `app.get('/p', `;
        close = `)${semi}`;
        break;
      case 'node-http':
        preamble.push(ts ? `import * as http from 'http'${semi}` : `const http = require('http')${semi}`);
        open = 'http.createServer(';
        close = `).listen(8080)${semi}`;
        break;
    }
  }
  if (typed) {
    if (model.shape === 'node-http' && registration === 'handler') {
      // `http` is imported above.
    } else {
      preamble.unshift(`import type { Request, Response } from 'express'${semi}`);
    }
  }
  const isNodeTyped = model.shape === 'node-http' && registration === 'handler';
  const params = typed ? (isNodeTyped ? `(req: http.IncomingMessage, ${R}: http.ServerResponse)` : `(req: Request, ${R}: Response)`) : `(req, ${R})`;
  const returnType = typed && !concise ? (model.async ? ': Promise<void>' : ': void') : '';
  const asyncKw = model.async ? 'async ' : '';

  const lines: Line[] = preamble.map((text) => ({ level: 0, text }));
  if (preamble.length > 0) lines.push({ level: 0, text: '' });
  if (concise) {
    const body =
      concise.concise === 'res-send' ? [{ level: 0, text: `${R}.send(${r.nextTag()})` }] : r.promise(concise.concise, { ...ctx, canAwait: false }, 0);
    const first = `${open}${asyncKw}${params} => ${body[0]!.text}`;
    const rest = body.slice(1);
    if (rest.length === 0) lines.push({ level: 0, text: first + close });
    else {
      lines.push({ level: 0, text: first }, ...rest.slice(0, -1));
      const last = rest[rest.length - 1]!;
      lines.push({ level: last.level, text: last.text + close });
    }
  } else {
    const head = fnKind === 'arrow' ? `${asyncKw}${params}${returnType} => ` : `${asyncKw}function ${params}${returnType} `;
    const stmts = model.body as Stmt[];
    lines.push({ level: 0, text: `${open}${head}{` });
    // An export that nothing registers is an HTTP handler only if it uses its request or response.
    if (registration === 'handler' && EXPORT_SHAPES.has(model.shape)) lines.push({ level: 1, text: `console.log(req.method)${semi}` });
    if (model.declareTotal) lines.push({ level: 1, text: `let total = 0${semi}` });
    lines.push(...r.block(stmts, ctx, 1));
    lines.push({ level: 0, text: `}${close}` });
  }

  const text = lines.map((l) => (l.text === '' ? '' : style.indent.repeat(l.level) + l.text)).join(style.eol);
  const source = style.finalNewline ? text + style.eol : text;
  const ext = lang === 'ts' ? 'ts' : 'js';
  return { model, registration, source, path: `generated/handler.${ext}`, respond: model.respond };
}
