/**
 * What a response object looks like, whoever holds it: the methods that end it, its other methods
 * and properties, and the members that identify one whatever its name. No handler, no binding:
 * `handlers.ts` asks this to decide whether a parameter is a response, `responses.ts` to match
 * calls on the handler's own response.
 */
import type { NodePath } from '@babel/traverse';
import { getPropertyName } from './modules';

/** Methods that end the response. */
export const ENDING_METHODS: ReadonlySet<string> = new Set(['send', 'json', 'jsonp', 'end', 'sendStatus', 'sendFile', 'download', 'redirect', 'render']);

/** Methods that set a header, a cookie or the content type and send nothing. */
export const HEADER_SETTERS: ReadonlySet<string> = new Set([
  'set',
  'header',
  'setHeader',
  'removeHeader',
  'append',
  'type',
  'contentType',
  'cookie',
  'clearCookie',
  'location',
  'vary',
  'attachment',
  'links',
]);

/** Methods of a response object (Express and Node): calling one of them is using a response. */
const RESPONSE_METHODS: ReadonlySet<string> = new Set([
  ...ENDING_METHODS,
  ...HEADER_SETTERS,
  'status',
  'getHeader',
  'getHeaders',
  'hasHeader',
  'writeHead',
  'write',
  'format',
  'flushHeaders',
  'on',
  'once',
  'setTimeout',
]);

/** Properties of a response object: reading or writing one is using a response. */
const RESPONSE_PROPERTIES: ReadonlySet<string> = new Set(['headersSent', 'locals', 'statusCode', 'statusMessage', 'writableEnded', 'finished']);

/**
 * Members that identify a response even when the parameter has another name (`(req, out) =>
 * out.send(x)`). The text pre-check looks for exactly these, so the two cannot drift apart.
 */
export const IDENTIFYING_METHODS: readonly string[] = [...ENDING_METHODS, 'status', 'writeHead', 'setHeader'];

export type ResponseUse = { kind: 'response'; member: string; called: boolean } | { kind: 'neutral' } | { kind: 'other' };

/** How an identifier referring to a would-be response is used: as one, neutrally (passed on), or as something else. */
export function getResponseUse(ref: NodePath): ResponseUse {
  const parent = ref.parentPath;
  if (parent && (parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === ref.node) {
    const name = getPropertyName(parent.node);
    const call = parent.parentPath;
    const called = !!call && call.isCallExpression() && call.node.callee === parent.node;
    // `response.status` read as a value is an HTTP client's response (fetch, axios), not Express's.
    if (name !== null && (called ? RESPONSE_METHODS.has(name) : RESPONSE_PROPERTIES.has(name))) {
      return { kind: 'response', member: name, called };
    }
    return { kind: 'other' };
  }
  return { kind: 'neutral' };
}
