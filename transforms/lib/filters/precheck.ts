/**
 * A cheap text test run before parsing: false only when the file cannot hold an HTTP handler, so
 * the runner skips parsing it. It mirrors `findHandlers` on the text (tests check it over every
 * fixture and example, `npm run test:corpus` over the corpus):
 *
 * - A registration resolves to an import or a `require` of a registration module, so the module's
 *   name is in the text, quoted, after `require(`, `from` or `import`; and its callee ends in the
 *   API's name (`http`, `onRequest`, `createServer`; none for Express), so that name is too.
 * - An exported handler needs an export, and a second parameter (after a comma, in a list that
 *   closes with `)` and then `{`, `=>` or a return type) named like a response, or typed as one,
 *   or on which an identifying method is called (`out.send(`).
 *
 * Comments may stand between any two tokens. Identifiers and module names written with escapes
 * (`require('expr\u0065ss')`) are not recognised.
 */
import { REGISTRATION_API_BY_MODULE } from '../handlers';
import { IDENTIFYING_METHODS } from '../response-members';

/** Whitespace and comments between tokens (a block comment cannot run past its first `*\/`). */
const GAP = String.raw`(?:\s|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/|//[^\n]*\n)*`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const MODULE_NAMES = [...REGISTRATION_API_BY_MODULE.keys()].map(escapeRegExp).join('|');
/**
 * Every registration module's name contains one of these words (a test checks it): a text without
 * any of them has no registration, and a plain substring search says so faster than the pattern.
 */
export const REGISTRATION_MODULE_WORDS: readonly string[] = ['http', 'express', 'functions'];
const REGISTRATION = new RegExp(String.raw`(?:\brequire${GAP}\(|\bfrom|\bimport)${GAP}(['"])(${MODULE_NAMES})\1`, 'g');

const EXPORT = /\bexports?\b/;
/** A second parameter named like a response: `, res)`, `, _res: T`, `, response = x`, `, resp?`. */
const NAMED_PARAMETER = new RegExp(`,${GAP}_*(?:res|resp|response)${GAP}(?=[?:,)=])`, 'gi');
/** A parameter typed as a response: `: Response`, `: express.Response`, `: http.ServerResponse`. */
const TYPED_PARAMETER = new RegExp(String.raw`:${GAP}(?:[\w$\u0080-\uffff]+${GAP}\.${GAP})*(?:Server)?Response(?![\w$\u0080-\uffff])`);
const METHODS = IDENTIFYING_METHODS.join('|');
/** An identifying method called on something: `.send(`, `['status'](`. */
const IDENTIFYING_CALL = new RegExp(String.raw`(?:\.${GAP}(?:${METHODS})|\[${GAP}(['"])(?:${METHODS})\1${GAP}\])${GAP}\(`, 'g');

function hasRegistration(source: string): boolean {
  if (!REGISTRATION_MODULE_WORDS.some((word) => source.includes(word))) return false;
  const checked = new Set<string | null | undefined>();
  for (const match of source.matchAll(REGISTRATION)) {
    const api = REGISTRATION_API_BY_MODULE.get(match[2]!);
    if (checked.has(api)) continue;
    checked.add(api);
    if (api === null || (api !== undefined && source.includes(api))) return true;
  }
  return false;
}

function isIdentifierChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 36 || code === 95 || code >= 128;
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 11 ||
    code === 12 ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/** More parentheses around an object, or a longer name, than anyone writes: give up. */
const MAX_PARENS = 8;
const MAX_NAME = 256;

/** What `unknown` means to the caller: the object cannot be read from the text; assume anything. */
const UNKNOWN = true;

/**
 * The identifier that ends just before `end` (skipping whitespace), seen through parentheses
 * (`(out).send(`): a name, null when it is not a plain identifier (`a.b`, `f()`, `this`), or
 * UNKNOWN when a comment or an escape is in the way.
 */
function getObjectName(source: string, end: number): string | null | typeof UNKNOWN {
  let i = end - 1;
  let parens = 0;
  const skipSpace = (): boolean => {
    let lineBreak = -1;
    for (; i >= 0 && isSpace(source.charCodeAt(i)); i--) if (lineBreak === -1 && source[i] === '\n') lineBreak = i;
    // A line comment cannot be seen from its end: if the skipped space held a line break and the
    // line before it has `//`, give up.
    if (lineBreak !== -1 && source.slice(source.lastIndexOf('\n', i) + 1, i + 1).includes('//')) return false;
    return !(i >= 1 && source[i] === '/' && source[i - 1] === '*');
  };
  if (!skipSpace()) return UNKNOWN;
  while (source[i] === ')') {
    if (++parens > MAX_PARENS) return UNKNOWN;
    i--;
    if (!skipSpace()) return UNKNOWN;
  }
  const last = i;
  while (i >= 0 && isIdentifierChar(source.charCodeAt(i)) && last - i <= MAX_NAME) i--;
  if (i === last) return null;
  if (last - i > MAX_NAME) return UNKNOWN;
  if (source[i] === '\\') return UNKNOWN;
  const name = source.slice(i + 1, last + 1);
  if (/^\d/.test(name) || name === 'this' || name === 'super') return null;
  if (!skipSpace()) return UNKNOWN;
  for (; parens > 0; parens--) {
    if (source[i] !== '(') return null;
    i--;
    if (!skipSpace()) return UNKNOWN;
  }
  return source[i] === '.' ? null : name;
}

/** Skip whitespace and comments from `i`; -1 at an unterminated comment. */
function skipGap(source: string, i: number): number {
  for (;;) {
    while (i < source.length && isSpace(source.charCodeAt(i))) i++;
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) return -1;
      i = end + 2;
    } else if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      if (end === -1) return -1;
      i = end + 1;
    } else {
      return i;
    }
  }
}

/** How far ahead `closesParameterList` reads before it gives up and says yes. */
const LIST_LOOKAHEAD = 4000;

/**
 * Does the list that `from` is inside close like a parameter list: `)` and then `{`, `=>` or `:`
 * (a return type)? `callback(null, res);` does not. True when unsure: a template literal, a `/`
 * (a regular expression or a division), a string that runs across a line, a long list.
 */
function closesParameterList(source: string, from: number): boolean {
  let depth = 0;
  const limit = Math.min(source.length, from + LIST_LOOKAHEAD);
  for (let i = from; i < limit; i++) {
    const c = source[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (c !== ')') return false;
      const next = skipGap(source, i + 1);
      return next === -1 || source[next] === '{' || source[next] === ':' || source.startsWith('=>', next);
    } else if (c === '"' || c === "'") {
      for (i++; i < limit && source[i] !== c; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '\n') return true;
      }
    } else if (c === '/') {
      const next = skipGap(source, i);
      if (next === -1 || next === i) return true;
      i = next - 1;
    } else if (c === '`') {
      return true;
    } else if (c === ';' && depth === 0) {
      return false;
    }
  }
  return true;
}

/**
 * Past this many candidates in one file (parameter lists to close, names to look up), the
 * pre-check stops looking and lets the file be parsed: its cost stays linear in the file's size.
 */
const MAX_CANDIDATES = 200;

/** Is `pattern` (global, ending where a parameter's name ends) found as a second parameter? */
function hasSecondParameter(source: string, pattern: RegExp): boolean {
  let seen = 0;
  for (const match of source.matchAll(pattern)) {
    if (++seen > MAX_CANDIDATES || closesParameterList(source, match.index + match[0].length)) return true;
  }
  return false;
}

function isSecondParameter(source: string, name: string): boolean {
  return hasSecondParameter(source, new RegExp(`,${GAP}${escapeRegExp(name)}${GAP}(?=[?:,)=])`, 'g'));
}

/** Is there a second parameter on which an identifying method is called somewhere? */
function hasIdentifyingParameter(source: string): boolean {
  const names = new Set<string>();
  for (const match of source.matchAll(IDENTIFYING_CALL)) {
    const name = getObjectName(source, match.index);
    if (name === UNKNOWN) return true;
    if (name !== null) names.add(name);
  }
  if (names.size > MAX_CANDIDATES) return true;
  for (const name of names) if (isSecondParameter(source, name)) return true;
  return false;
}

export function mightContainHandler(source: string): boolean {
  if (hasRegistration(source)) return true;
  if (!EXPORT.test(source)) return false;
  // `includes` first: most texts have no `Response`, and the search is faster than the pattern.
  return hasSecondParameter(source, NAMED_PARAMETER) || (source.includes('Response') && TYPED_PARAMETER.test(source)) || hasIdentifyingParameter(source);
}
