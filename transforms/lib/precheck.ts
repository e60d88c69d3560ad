/**
 * A cheap text test run before parsing: false only when the file cannot hold an HTTP handler, so
 * the runner skips parsing it. It mirrors `findHandlers` (a test checks it over every fixture and
 * example): a registration needs its module's name in the text (or `createServer`), an exported
 * handler needs an export and a response parameter by name, type or identifying method.
 */
import { IDENTIFYING_METHODS } from './responses';

const REGISTRATION = /functions-framework|firebase-functions|express|createServer/;
const EXPORT = /\bexports?\b/;
const RESPONSE_HINT = new RegExp(
  String.raw`\b_*(?:res|resp|response)\b|Response\b|\.\s*(?:${IDENTIFYING_METHODS.join('|')})\b`,
  'i',
);

export function mightContainHandler(source: string): boolean {
  return REGISTRATION.test(source) || (EXPORT.test(source) && RESPONSE_HINT.test(source));
}
