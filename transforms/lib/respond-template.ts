/**
 * The response `await-then-send` and `end-handler` add: `res.sendStatus(200)` by default
 * (`res.end()` for Node's `http` handlers), or a user template such as `res.status(204).end()`,
 * written with `res` and renamed to the handler's own response parameter.
 */
import { isExpressBased, type Handler } from './handlers';
import { parseSource } from './parse';
import type { TransformOptions } from './types';

function parseTemplate(template: string) {
  const ast = parseSource(template.trim().replace(/;\s*$/, ''), 'ts');
  const body = ast.program.body;
  const statement = body[0];
  if (body.length !== 1 || statement?.type !== 'ExpressionStatement') return null;
  return { ast, statement };
}

/** Why a `--respond` template is not usable, or null when it is. */
export function validateRespondTemplate(template: string): string | null {
  let parsed;
  try {
    parsed = parseTemplate(template);
  } catch (error) {
    return `--respond "${template}" does not parse as a statement: ${(error as Error).message}`;
  }
  if (!parsed) return `--respond "${template}" must be a single expression statement, such as "res.status(204).end()"`;
  if (!/\bres\b/.test(template)) return `--respond "${template}" must use "res" for the response object`;
  return null;
}

/** The response expression (no semicolon) for a handler whose response parameter is `resName`. */
export function renderResponse(template: string, resName: string): string {
  const parsed = parseTemplate(template);
  if (!parsed) throw new Error(`invalid response template: ${template}`);
  const text = template.trim().replace(/;\s*$/, '');
  const positions: number[] = [];
  const visit = (node: unknown, parentKey: string | null, parent: Record<string, unknown> | null) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parentKey, parent);
      return;
    }
    const n = node as Record<string, unknown> & { type?: string; start?: number; name?: string };
    if (n.type === 'Identifier' && n.name === 'res') {
      const isProperty = parent?.type === 'MemberExpression' && parentKey === 'property' && !parent.computed;
      if (!isProperty && typeof n.start === 'number') positions.push(n.start);
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === 'loc' || key === 'extra' || key === 'leadingComments' || key === 'trailingComments') continue;
      if (value && typeof value === 'object') visit(value, key, n);
    }
  };
  visit(parsed.statement.expression, null, null);
  let out = text;
  for (const start of positions.sort((a, b) => b - a)) out = out.slice(0, start) + resName + out.slice(start + 3);
  return out;
}

/**
 * The response sendlast adds to a handler (no semicolon): the `--respond` template when given,
 * else `res.sendStatus(200)` for Express-style handlers (Functions Framework, firebase, Express)
 * and `res.end()` for Node `http` ones, written with the handler's own response parameter.
 */
export function getDefaultResponse(handler: Handler, options: TransformOptions): string {
  const template = options.respond ?? (isExpressBased(handler) ? 'res.sendStatus(200)' : 'res.end()');
  return renderResponse(template, handler.res.identifier.name);
}
