/**
 * The response `await-then-send` and `end-handler` add: a user template such as `res.status(204).end()` (`--respond`),
 * written with `res` and renamed to the handler's own response parameter. One parse checks the
 * template and gives what rendering needs, so a template that is accepted is one that responds: a
 * single expression statement calling methods of `res` in a chain whose last method ends the
 * response (`res.sendStatus(204)`, `res.status(204).end()`, `res.json({ ok: true })`).
 *
 * The template is parsed as plain JavaScript (no TypeScript, Flow or JSX), the syntax every file
 * it may be written into accepts.
 */
import type * as t from '@babel/types';
import { isExpressBased, type Handler } from '../handlers';
import { isNextApiHandler } from '../next';
import { ENDING_METHODS } from '../response-members';
import type { SourceFile } from '../source-file';
import type { RespondTemplate } from '../types';

export type { RespondTemplate };

export type ParsedTemplate = { template: RespondTemplate; error?: undefined } | { template?: undefined; error: string };

const EXAMPLES = '"res.sendStatus(204)", "res.status(204).end()" or "res.json({ ok: true })"';

type BabelParse = typeof import('@babel/parser').parse;
let babelParse: BabelParse | undefined;

function parseJavaScript(text: string): t.File {
  // Loaded on first use, like every use of Babel in the command line.
  babelParse ??= (require('@babel/parser') as typeof import('@babel/parser')).parse;
  return babelParse(text, { sourceType: 'script', errorRecovery: false, plugins: [] });
}

/** The methods of a call chain on the identifier `res` (`res.status(204).end()` -> status, end), or null. */
function getResponseChain(expression: t.Expression): string[] | null {
  const chain: string[] = [];
  let current: t.Node = expression;
  while (current.type === 'CallExpression') {
    const callee: t.Node = current.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
    chain.unshift(callee.property.name);
    current = callee.object;
  }
  return chain.length > 0 && current.type === 'Identifier' && current.name === 'res' ? chain : null;
}

/** Every `res` that is a reference (not a property name or an object key), in source order. */
function findReferences(expression: t.Expression): RespondTemplate['references'] {
  const found: RespondTemplate['references'] = [];
  const visit = (node: unknown, parent: Record<string, unknown> | null, key: string | null): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent, key);
      return;
    }
    const n = node as Record<string, unknown> & { type?: string; start?: number; name?: string };
    if (typeof n.type !== 'string') return;
    if (n.type === 'Identifier' && n.name === 'res' && typeof n.start === 'number') {
      const isMemberName = (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && key === 'property' && !parent.computed;
      const isKey = (parent?.type === 'ObjectProperty' || parent?.type === 'ObjectMethod') && key === 'key' && !parent.computed;
      if (!isMemberName && !isKey) found.push({ start: n.start, shorthand: parent?.type === 'ObjectProperty' && parent.shorthand === true });
    }
    for (const [childKey, value] of Object.entries(n)) {
      if (childKey === 'loc' || childKey === 'extra' || childKey === 'leadingComments' || childKey === 'trailingComments' || childKey === 'innerComments')
        continue;
      if (value && typeof value === 'object') visit(value, n, childKey);
    }
  };
  visit(expression, null, null);
  return found.sort((a, b) => a.start - b.start);
}

/** Parse and check a `--respond` template: what rendering needs, or why it is not usable. */
export function parseRespondTemplate(template: string): ParsedTemplate {
  const shown = `--respond "${template}"`;
  let ast: t.File;
  try {
    ast = parseJavaScript(template);
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).replace(/ \(\d+:\d+\)$/, '');
    return { error: `${shown} does not parse as a statement: ${message}` };
  }
  const body = ast.program.body;
  const statement = body[0];
  if (body.length !== 1 || statement?.type !== 'ExpressionStatement' || ast.program.directives.length > 0) {
    return { error: `${shown} must be a single expression statement, such as "res.status(204).end()"` };
  }
  const expression = statement.expression;
  const chain = getResponseChain(expression);
  if (!chain) return { error: `${shown} must call a method of the response "res", such as ${EXAMPLES}` };
  const last = chain[chain.length - 1]!;
  if (!ENDING_METHODS.has(last)) {
    const methods = [...ENDING_METHODS];
    const list = `${methods.slice(0, -1).join(', ')} or ${methods[methods.length - 1]}`;
    return { error: `${shown} must end the response: its last call, ${last}(), sends nothing; end with ${list}, such as "res.status(204).end()"` };
  }
  const offset = expression.start!;
  return {
    template: {
      text: template.slice(offset, expression.end!),
      references: findReferences(expression).map((ref) => ({ ...ref, start: ref.start - offset })),
      chain,
    },
  };
}

/** Why a `--respond` template is not usable, or null when it is. */
export function validateRespondTemplate(template: string): string | null {
  return parseRespondTemplate(template).error ?? null;
}

/** The response expression (no semicolon) for a handler whose response parameter is `resName`. */
export function renderResponse(template: RespondTemplate, resName: string): string {
  let out = template.text;
  for (const ref of [...template.references].reverse()) {
    out = out.slice(0, ref.start) + (ref.shorthand ? `res: ${resName}` : resName) + out.slice(ref.start + 'res'.length);
  }
  return out;
}

const fallbacks = new Map<string, RespondTemplate>();

/** One of sendlast's own templates, parsed on first use. */
function getFallbackTemplate(text: string): RespondTemplate {
  let template = fallbacks.get(text);
  if (!template) {
    const parsed = parseRespondTemplate(text);
    if (!parsed.template) throw new Error(parsed.error);
    template = parsed.template;
    fallbacks.set(text, template);
  }
  return template;
}

/**
 * The response sendlast adds to a handler (no semicolon): the `--respond` template when given,
 * else `res.status(200).end()` in a Next.js API route (its response has no `sendStatus`),
 * `res.end()` for Node's `http`, and `res.sendStatus(200)` for the Express-style rest (Functions
 * Framework, firebase, Express), written with the handler's own response parameter.
 */
export function getDefaultResponse(handler: Handler, file: SourceFile, respond: RespondTemplate | undefined): string {
  const fallback = !isExpressBased(handler) ? 'res.end()' : isNextApiHandler(handler, file) ? 'res.status(200).end()' : 'res.sendStatus(200)';
  return renderResponse(respond ?? getFallbackTemplate(fallback), handler.res.identifier.name);
}
