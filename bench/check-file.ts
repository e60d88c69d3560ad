/**
 * The reliability properties corpus-check.ts verifies on one file (tested over large real inputs),
 * with all transforms, calling `applyTransforms` exactly as the CLI does but without the
 * pre-check, so the pre-check itself can be judged:
 *   1. the output parses with the same parser settings as the input;
 *   2. a second run changes nothing;
 *   3. a file without a handler comes out byte-identical, and no filter (the text pre-check, the
 *      quick check, the plain AST walk that gates the scope analysis) rules out a file that the
 *      full run changes or reports findings for, or in which `findHandlers` on its own finds a
 *      handler;
 *   4. in a changed file, every changed line is a line an edit of a reported site touches, or the
 *      `async` keyword added to a line; line endings and a BOM are kept.
 */
import { diffLines } from 'diff';
import { applyTransforms, mightContainHandler, TransformError, type ApplyResult } from '../transforms/index';
import { getParserForPath, parseSource, ParseError } from '../transforms/lib/parse';
import { mayHaveHandlers } from '../transforms/lib/filters/candidates';
import { mayHaveHandlersQuick } from '../transforms/lib/filters/quick-check';
import { findHandlers } from '../transforms/lib/handlers';
import { getProgramPath } from '../transforms/lib/source-file';
import type { ParserName, TextEdit } from '../transforms/lib/types';

export type FailureKind =
  | 'crash'
  | 'transform-error'
  | 'output-unparsable'
  | 'not-idempotent'
  | 'changed-without-handler'
  | 'precheck-miss'
  | 'formatting'
  | 'site-position'
  | 'timeout';

export interface Failure {
  path: string;
  kind: FailureKind;
  detail: string;
}

export interface FileOutcome {
  /** The original parses. */
  parsed: boolean;
  hasHandler: boolean;
  precheck: boolean;
  changed: boolean;
  sites: number;
  findings: number;
  failures: Failure[];
}

function getMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** 1-based line of each offset, by binary search over line starts. */
function createLineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Lines of `input` an edit touches: its first line to the line of its last replaced character. */
function getEditLines(lineOf: (offset: number) => number, edit: TextEdit): [number, number] {
  return [lineOf(edit.start), lineOf(Math.max(edit.start, edit.end - 1))];
}

/** `after` is `before` with exactly one `async ` (or `async`) inserted. */
function isAsyncInsertion(before: string, after: string): boolean {
  if (after.length <= before.length) return false;
  for (let i = after.indexOf('async'); i !== -1; i = after.indexOf('async', i + 1)) {
    for (const token of ['async ', 'async']) {
      if (after.startsWith(token, i) && after.slice(0, i) + after.slice(i + token.length) === before) return true;
    }
  }
  return false;
}

/** Property 4 for one step: `input` became `output` through `edits`. Returns problems found. */
export function findFormattingProblems(input: string, output: string, edits: readonly TextEdit[]): string[] {
  const lineOf = createLineIndex(input);
  const allowed = new Set<number>();
  for (const edit of edits) {
    const [first, last] = getEditLines(lineOf, edit);
    for (let line = first; line <= last; line++) allowed.add(line);
  }
  const problems: string[] = [];
  const changes = diffLines(input, output);
  let oldLine = 1;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const count = change.count ?? 0;
    if (!change.added && !change.removed) {
      oldLine += count;
      continue;
    }
    if (change.removed) {
      const next = changes[i + 1];
      const added = next?.added ? next : undefined;
      const removedLines = change.value.split(/(?<=\n)/);
      const addedLines = added ? added.value.split(/(?<=\n)/) : [];
      for (let k = 0; k < count; k++) {
        const line = oldLine + k;
        if (allowed.has(line)) continue;
        const removed = removedLines[k] ?? '';
        if (addedLines.some((addedLine) => isAsyncInsertion(removed, addedLine))) continue;
        problems.push(`line ${line} changed outside the reported sites: ${JSON.stringify(removed.slice(0, 120))}`);
      }
      oldLine += count;
      if (added) i++;
    } else if (!allowed.has(oldLine) && !allowed.has(oldLine - 1)) {
      problems.push(`lines inserted before line ${oldLine}, away from the reported sites: ${JSON.stringify(change.value.slice(0, 120))}`);
    }
  }
  return problems;
}

function getLineEndings(text: string): { crlf: boolean; lf: boolean } {
  const crlf = text.includes('\r\n');
  const lf = /(^|[^\r])\n/.test(text);
  return { crlf, lf };
}

/** Checks a changed result: formatting per step, line endings, BOM, site positions. */
function checkChanged(filePath: string, source: string, result: ApplyResult, failures: Failure[]): void {
  const outputs = [...result.steps.slice(1).map((s) => s.input), result.output];
  for (const [i, step] of result.steps.entries()) {
    const output = outputs[i]!;
    if (output === step.input) continue;
    const edits = step.sites.flatMap((s) => s.edits);
    for (const problem of findFormattingProblems(step.input, output, edits)) {
      failures.push({ path: filePath, kind: 'formatting', detail: `${step.transform}: ${problem}` });
    }
    const lineOf = createLineIndex(step.input);
    for (const site of step.sites) {
      if (site.edits.length === 0) continue;
      const lines = site.edits.flatMap((e) => getEditLines(lineOf, e));
      if (site.line < Math.min(...lines) || site.line > Math.max(...lines)) {
        failures.push({
          path: filePath,
          kind: 'site-position',
          detail: `${step.transform}: site reported at line ${site.line} but its edits are on lines ${Math.min(...lines)}-${Math.max(...lines)}`,
        });
      }
    }
  }
  const before = getLineEndings(source);
  const after = getLineEndings(result.output);
  if ((before.crlf && !before.lf && after.lf) || (before.lf && !before.crlf && after.crlf)) {
    failures.push({
      path: filePath,
      kind: 'formatting',
      detail: `line endings: ${before.crlf ? 'CRLF' : 'LF'} file now mixes in ${before.crlf ? 'LF' : 'CRLF'}`,
    });
  }
  if ((source.charCodeAt(0) === 0xfeff) !== (result.output.charCodeAt(0) === 0xfeff)) {
    failures.push({ path: filePath, kind: 'formatting', detail: 'BOM added or removed' });
  }
}

/** The filters must be supersets of the full run: none may rule out a file the full run changes, reports on or finds a handler in. */
function checkFilters(filePath: string, outcome: FileOutcome, filters: { candidates: boolean; quick: boolean }, result: ApplyResult): void {
  const failures = outcome.failures;
  if (!outcome.precheck && (result.changed || result.findings.length > 0 || outcome.hasHandler)) {
    const what = result.changed ? 'changes it' : result.findings.length > 0 ? `reports ${result.findings.length} finding(s)` : 'finds a handler';
    failures.push({ path: filePath, kind: 'precheck-miss', detail: `mightContainHandler() is false but the full run ${what}` });
  }
  if (!filters.candidates && outcome.hasHandler) {
    failures.push({ path: filePath, kind: 'precheck-miss', detail: 'mayHaveHandlers() is false but findHandlers() on its own finds a handler' });
  }
  if (!filters.quick && (outcome.hasHandler || result.changed || result.findings.length > 0)) {
    failures.push({ path: filePath, kind: 'precheck-miss', detail: 'mayHaveHandlersQuick() is false but the full run finds a handler, a change or a finding' });
  }
}

/** A changed output parses, and a second run leaves it as it is. */
function checkOutputParsesAndIsIdempotent(filePath: string, parser: ParserName, result: ApplyResult, failures: Failure[]): boolean {
  try {
    parseSource(result.output, parser);
  } catch (error) {
    const e = error as ParseError;
    failures.push({ path: filePath, kind: 'output-unparsable', detail: `${e.message} at ${e.line}:${e.column}` });
    return false;
  }
  try {
    const again = applyTransforms(result.output, { path: filePath, parser });
    if (again.changed) {
      const sites = again.sites.map((s) => `${s.transform} at ${s.line}:${s.column} (${s.message})`).join('; ');
      failures.push({ path: filePath, kind: 'not-idempotent', detail: `second run changes the output again: ${sites}` });
    }
  } catch (error) {
    failures.push({ path: filePath, kind: 'not-idempotent', detail: `second run throws: ${getMessage(error)}` });
  }
  return true;
}

export function checkFile(filePath: string, source: string): FileOutcome {
  const outcome: FileOutcome = { parsed: false, hasHandler: false, precheck: mightContainHandler(source), changed: false, sites: 0, findings: 0, failures: [] };
  const parser = getParserForPath(filePath);
  const failures = outcome.failures;
  let candidates = true;
  const quick = mayHaveHandlersQuick(source, parser);
  try {
    const ast = parseSource(source, parser);
    outcome.parsed = true;
    candidates = mayHaveHandlers(ast);
    outcome.hasHandler = findHandlers(getProgramPath(ast)).length > 0;
  } catch (error) {
    if (error instanceof ParseError) return outcome;
    failures.push({ path: filePath, kind: 'crash', detail: `finding handlers: ${getMessage(error)}` });
    return outcome;
  }

  let result: ApplyResult;
  try {
    result = applyTransforms(source, { path: filePath, parser });
  } catch (error) {
    const kind = error instanceof TransformError ? (/would not parse/.test(error.message) ? 'output-unparsable' : 'transform-error') : 'crash';
    failures.push({ path: filePath, kind, detail: getMessage(error) });
    return outcome;
  }
  outcome.changed = result.changed;
  outcome.sites = result.sites.length;
  outcome.findings = result.findings.length;
  checkFilters(filePath, outcome, { candidates, quick }, result);
  if (!result.changed) {
    if (result.output !== source)
      failures.push({ path: filePath, kind: 'changed-without-handler', detail: 'unchanged result whose output differs from the input' });
    return outcome;
  }
  if (!outcome.hasHandler) failures.push({ path: filePath, kind: 'changed-without-handler', detail: 'no handler found, yet the file changed' });
  if (checkOutputParsesAndIsIdempotent(filePath, parser, result, failures)) checkChanged(filePath, source, result, failures);
  return outcome;
}
