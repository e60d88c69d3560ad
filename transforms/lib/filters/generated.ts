/**
 * Compiled output: TypeScript's and Babel's downlevel helpers, or a source map comment. Its
 * source is where a fix belongs; a rewrite here is lost on the next build.
 */
const DOWNLEVEL_HELPERS = /\b(__awaiter|__generator|_asyncToGenerator|regeneratorRuntime)\b/;
const SOURCE_MAP_COMMENT = /^\/\/# sourceMappingURL=/m;

export function isGeneratedSource(text: string): boolean {
  return DOWNLEVEL_HELPERS.test(text) || SOURCE_MAP_COMMENT.test(text);
}
