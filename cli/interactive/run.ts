/**
 * `--interactive` from a dry run's results to written files: picks the files with changes or
 * findings, refuses (like --write) when git has uncommitted changes in files it could change, runs
 * the review (review.ts) with the prompts of terminal.ts, and writes each file as
 * soon as its review is over, exactly as --write does: re-parsed first, atomically, in the file's
 * own encoding, and only when the file on disk is still the one that was reviewed. Never exits and
 * never touches `process`: main.ts passes the streams.
 */
import * as fs from 'node:fs';
import { createColors } from 'picocolors';
import type { ParserOption } from '../args';
import type { TransformOptions } from '../../transforms/lib/types';
import { ReviewInterrupted, runSession, type Answer, type FileReview, type FindingRecord, type Prompt, type ReviewFileInput, type RunStep } from './review';
import { askAnswer, createKeyReader, type KeyInput, type KeyReader, type OutputLike } from './terminal';
import { decode, type FileResult, type TextEncoding } from '../run/process-file';
import { renderError } from '../output/render';
import { plural } from '../output/plural';
import { checkCommitted, type RunResult } from '../run/runner';
import { writeFileAtomic, WriteConflictError } from '../run/write';

type TransformsModule = typeof import('../../transforms/index');

export interface InteractiveOptions {
  cwd: string;
  /** A dry run (no --write) over the paths to review. */
  result: RunResult;
  /** As given on the command line; undefined: all. */
  transforms?: readonly string[];
  parser: ParserOption;
  /** Parsed once, as the dry run had them. */
  transformOptions: TransformOptions;
  /** Review and write even over uncommitted changes. */
  force: boolean;
  color: boolean;
  /** Prompts and the closing summary. */
  out: OutputLike;
  /** Errors. */
  err: OutputLike;
  /** A TTY: keys are read from it in raw mode. */
  keys: KeyInput;
  /** Answers instead of keys (tests); default: read them from `keys`. */
  ask?: (prompt: Prompt, context: { file: number; files: number }) => Promise<Answer>;
}

export interface InteractiveOutcome {
  /** Display paths written. */
  written: string[];
  /** Files that could not be reviewed or written (plus the dry run's own errors). */
  errors: number;
  interrupted: boolean;
  reviews: FileReview[];
}

interface LoadedFile extends ReviewFileInput {
  result: FileResult;
  bytes: Buffer;
  encoding: TextEncoding;
}

/** The transforms to run, in canonical order. */
function selectTransforms(all: readonly string[], requested: readonly string[] | undefined): string[] {
  return requested ? all.filter((name) => requested.includes(name)) : [...all];
}

export function createRunStep(options: { parser: ParserOption; transformOptions: TransformOptions }): RunStep {
  let modules: ReturnType<TransformsModule['createModuleLoader']> | undefined;
  return (file, text, transform) => {
    // Lazy, like everywhere in the CLI: Babel is slow to load.
    const { applyTransforms, createModuleLoader } = require('../../transforms/index') as TransformsModule;
    modules ??= createModuleLoader();
    const applied = applyTransforms(text, {
      path: file.path,
      parser: options.parser,
      transforms: [transform],
      transformOptions: options.transformOptions,
      modules,
    });
    return { sites: applied.sites, findings: applied.findings };
  };
}

function renderFindingLine(file: string, finding: FindingRecord, c: ReturnType<typeof createColors>): string {
  return `${c.bold(file)}:${finding.line}:${finding.column}: ${c.yellow(finding.transform)}: ${finding.message}`;
}

/** What the steps of one interactive run share. */
interface RunContext {
  options: InteractiveOptions;
  c: ReturnType<typeof createColors>;
  outcome: InteractiveOutcome;
  /** The files read for review, by display path. */
  loaded: Map<string, LoadedFile>;
  /** A file that could not be reviewed or written: said on stderr and counted. */
  fail(display: string, message: string): void;
}

export async function runInteractive(options: InteractiveOptions): Promise<InteractiveOutcome> {
  const c = createColors(options.color);
  const outcome: InteractiveOutcome = { written: [], errors: 0, interrupted: false, reviews: [] };
  const candidates = findCandidates(options, c, outcome);
  if (candidates.length === 0) {
    options.out.write('Nothing to review: no file would change and there are no findings.\n');
    return outcome;
  }
  const changing = candidates.filter((file) => file.status === 'changed').map((file) => file.file);
  if (!options.force && changing.length > 0) checkCommitted(changing, options.cwd, 'review');

  const { TRANSFORM_NAMES } = require('../../transforms/index') as TransformsModule;
  const transforms = selectTransforms(TRANSFORM_NAMES, options.transforms);
  const context: RunContext = {
    options,
    c,
    outcome,
    loaded: new Map(),
    fail: (display, message) => {
      options.err.write(`${c.bold(display)}: ${c.red(message)}\n`);
      outcome.errors += 1;
    },
  };
  const quit = await reviewFiles(loadFiles(candidates, transforms, context), candidates.length, context);
  options.out.write(`\n${renderSessionSummary(outcome, { quit, files: candidates.length }, c)}`);
  return outcome;
}

/** The files to review (with changes or findings); the dry run's errors are reported and counted. */
function findCandidates(options: InteractiveOptions, c: ReturnType<typeof createColors>, outcome: InteractiveOutcome): FileResult[] {
  for (const file of options.result.files) {
    if (file.status === 'error') {
      options.err.write(`${renderError(file, c)}\n`);
      outcome.errors += 1;
    }
  }
  return options.result.files.filter((file) => file.status === 'changed' || (file.status === 'unchanged' && file.findings.length > 0));
}

/** Each candidate as it is on disk now, read when its review starts; one that cannot be read is reported and skipped. */
function* loadFiles(candidates: readonly FileResult[], transforms: string[], context: RunContext): Generator<LoadedFile> {
  for (const result of candidates) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(result.file);
    } catch (error) {
      context.fail(result.path, `cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    const { text, encoding } = decode(bytes);
    const file: LoadedFile = { path: result.path, source: text, transforms, result, bytes, encoding };
    context.loaded.set(result.path, file);
    yield file;
  }
}

/** Writes a reviewed file as --write does: re-parsed first, atomically, only over the bytes that were reviewed. */
function writeReviewedFile(review: FileReview, context: RunContext): void {
  const { options, c, outcome } = context;
  outcome.reviews.push(review);
  const file = context.loaded.get(review.path);
  if (!file || review.output === review.source) return;
  const { getParserForPath } = require('../../transforms/index') as TransformsModule;
  const { parseSource } = require('../../transforms/lib/parse') as typeof import('../../transforms/lib/parse');
  const parser = options.parser === 'auto' ? getParserForPath(file.path) : options.parser;
  try {
    parseSource(review.output, parser);
  } catch (error) {
    const e = error as { message?: string; line?: number; column?: number };
    context.fail(file.path, `the reviewed changes would not parse (${e.message ?? String(error)} at ${e.line}:${e.column}); left unchanged`);
    return;
  }
  try {
    writeFileAtomic(file.result.file, Buffer.from(review.output, file.encoding), file.bytes);
  } catch (error) {
    context.fail(
      file.path,
      error instanceof WriteConflictError ? error.message : `cannot write file (${(error as NodeJS.ErrnoException).code ?? String(error)}); left unchanged`,
    );
    return;
  }
  outcome.written.push(file.path);
  const done = review.accepted.length;
  const of = done + review.rejected.length + review.withheld.length + review.unreviewed.length;
  options.out.write(`${c.green('wrote')} ${file.path} ${c.dim(`(${done} of ${plural(of, 'change')} applied)`)}\n`);
}

/** The review session over `files` (`count` of them), each file written when its review is over; did the user quit? */
async function reviewFiles(files: Generator<LoadedFile>, count: number, context: RunContext): Promise<boolean> {
  const { options, outcome } = context;
  let reader: KeyReader | undefined;
  const ask =
    options.ask ??
    ((prompt: Prompt, where: { file: number; files: number }) => {
      reader ??= createKeyReader(options.keys);
      return askAnswer(prompt, reader, options.out, context.c, where);
    });
  let quit = false;
  try {
    const write = (review: FileReview) => writeReviewedFile(review, context);
    const session = await runSession(files, createRunStep(options), (prompt, { file }) => ask(prompt, { file, files: count }), write);
    quit = session.quit;
    for (const failure of session.failed) {
      const error = failure.error;
      context.fail(failure.path, `${error instanceof Error ? error.message : String(error)}; left unchanged`);
    }
  } catch (error) {
    if (!(error instanceof ReviewInterrupted)) throw error;
    outcome.interrupted = true;
  } finally {
    reader?.close();
  }
  return quit;
}

/** The closing lines: what was applied, written and left, and the findings not shown. */
export function renderSessionSummary(outcome: InteractiveOutcome, session: { quit: boolean; files: number }, c: ReturnType<typeof createColors>): string {
  const lines: string[] = [];
  const count = (pick: (review: FileReview) => readonly unknown[]) => outcome.reviews.reduce((n, r) => n + pick(r).length, 0);
  const accepted = count((r) => r.accepted);
  const rejected = count((r) => r.rejected);
  const withheld = count((r) => r.withheld);
  const unreviewed = count((r) => r.unreviewed);
  const parts = [`${plural(accepted, 'change')} applied`, `${rejected} not applied`];
  if (withheld > 0) parts.push(`${withheld} withheld (they touch code of a change not applied)`);
  if (unreviewed > 0) parts.push(`${unreviewed} left unreviewed`);
  lines.push(`${parts.join(', ')}; ${plural(outcome.written.length, 'file')} written.`);
  const unseen = outcome.reviews.flatMap((review) => review.unshownFindings.map((finding) => renderFindingLine(review.path, finding, c)));
  if (unseen.length > 0) lines.push('Findings not shown during the review:', ...unseen.map((line) => `  ${line}`));
  const left = session.files - outcome.reviews.length;
  if (outcome.interrupted) {
    lines.push(c.red(`interrupted: the file under review was left unchanged${left > 1 ? `, ${plural(left - 1, 'file')} not reviewed` : ''}.`));
  } else if (session.quit && left > 0) {
    lines.push(`Quit: ${plural(left, 'file')} not reviewed.`);
  }
  return `${lines.join('\n')}\n`;
}
