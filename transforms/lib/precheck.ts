/**
 * A cheap text test run before parsing: false only when the file cannot hold an HTTP handler, so
 * the runner skips parsing it. It mirrors `findHandlers` (a test checks it over every fixture and
 * example): a registration needs its module's name in the text (or `createServer`), an exported
 * handler needs an export and a response parameter by name, type or identifying method call.
 */
import { IDENTIFYING_METHODS } from './responses';

/** A registration resolves to one of these modules, so its name is in the text, quoted. */
const REGISTRATION = /['"](?:@google-cloud\/functions-framework|firebase-functions[\w/-]*|express|(?:node:)?https?|(?:node:)?http2)['"]/;
const EXPORT = /\bexports?\b/;
/**
 * An exported handler's second parameter is named like a response (`, res)`, `, res: T`,
 * `, res = x`), typed as one (`: express.Response`), or another name used with an identifying
 * method call (`out.send(`).
 */
const RESPONSE_PARAMETER = new RegExp(
  String.raw`[(,]\s*_*(?:res|resp|response)\s*\??\s*[:,)=]|:\s*[\w.$]*Response\b|\.\s*(?:${IDENTIFYING_METHODS.join('|')})\s*\(`,
  'i',
);

export function mightContainHandler(source: string): boolean {
  return REGISTRATION.test(source) || (EXPORT.test(source) && RESPONSE_PARAMETER.test(source));
}
