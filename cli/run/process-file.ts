/**
 * One file, start to finish, without writing: read the bytes, skip what is not source (binary,
 * too large, minified, an encoding we cannot write back byte for byte), run the cheap text
 * pre-check (`readSource`); then the quick check, a fast parse of plain JavaScript, and, when it
 * finds a possible handler, parse once with Babel, run the transforms and compute the diff
 * (`transformSource`). In large runs the main thread does the first half and worker threads the
 * second; the results are plain data (structured-clone safe).
 *
 * Heavy modules (the transforms with Babel, jsdiff) are required lazily: a run in which no file
 * passes the pre-check never loads them.
 */
import * as fs from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { getSiteKey, type KeyedFinding } from './site-key';
import { mightContainHandler } from '../../transforms/lib/filters/precheck';
import { isGeneratedSource } from '../../transforms/lib/filters/generated';
import { getParserForPath } from '../../transforms/lib/parse';
import { LineIndex } from '../../transforms/lib/edit/text';
import type { ParserName, TransformOptions } from '../../transforms/lib/types';
import type { FileEntry } from './files';

/** How the file's bytes map to text: chosen so that decoding and encoding again gives the same bytes. */
export type TextEncoding = 'utf8' | 'latin1';

export type FileStatus = 'changed' | 'unchanged' | 'error' | 'skipped';

/**
 * Why a file was not scanned: compiled output (`generated`, unless --include-generated), a bundle
 * or minified file, larger than --max-size, binary, or UTF-16 encoded.
 */
export type SkipReason = 'generated' | 'minified' | 'too-large' | 'binary' | 'utf-16';

export interface FileError {
  message: string;
  /** 1-based, for parse errors. */
  line?: number;
  column?: number;
}

/**
 * A rewrite site of a changed file, 1-based in the original file: what the transforms reported,
 * without the edits (the diff has them). Plain data, so it crosses the worker boundary as is.
 */
export interface FileSite {
  transform: string;
  line: number;
  column: number;
  message: string;
}

export interface FileResult {
  /** Relative to the current directory, `/`-separated. */
  path: string;
  /** Real absolute path: where the file was read and is written. */
  file: string;
  status: FileStatus;
  /** Why a file was skipped (status `skipped`), for a reader. */
  skipped?: string;
  /** Why a file was skipped (status `skipped`), as a stable code. */
  skipReason?: SkipReason;
  /** Transforms that changed the file, in the order they ran. */
  transforms: string[];
  /** 1-based positions in the original file, each with the key of its site for the baseline. */
  findings: KeyedFinding[];
  /** Where the transforms rewrote the file, in the order they ran, when the file changes. */
  sites?: FileSite[];
  error?: FileError;
  /** The unified diff hunks (from the first `@@`), when the file changes. */
  hunks?: string;
  /** How the text maps to bytes, when the file changes; the original and new text too when writing. */
  source?: string;
  output?: string;
  encoding?: TextEncoding;
}

export interface ProcessOptions {
  transforms?: readonly string[];
  parser: 'auto' | 'babel' | 'flow' | 'ts' | 'tsx';
  /** Parsed once by the caller; plain data, so that it reaches worker threads as it is. */
  transformOptions: TransformOptions;
  maxSize: number;
  /** Transform compiled output too; otherwise it is skipped as generated. */
  includeGenerated?: boolean;
  /** Keep the original and new text of changed files (needed to write them). */
  keepText: boolean;
}

export const DIFF_CONTEXT = 3;

type TransformsModule = typeof import('../../transforms/index');
let transformsModule: TransformsModule | undefined;
function loadTransforms(): TransformsModule {
  // Lazy: Babel takes a few hundred milliseconds to load.
  transformsModule ??= require('../../transforms/index') as TransformsModule;
  return transformsModule;
}

let moduleLoader: import('../../transforms/lib/source-file').ModuleLoader | undefined;
/** One loader per thread: the local modules files import are parsed once per run. */
function getModuleLoader() {
  moduleLoader ??= loadTransforms().createModuleLoader();
  return moduleLoader;
}

type QuickCheckModule = typeof import('../../transforms/lib/filters/quick-check');
let quickCheckModule: QuickCheckModule | undefined;
function loadQuickCheck(): QuickCheckModule {
  // Lazy: meriyah is only needed once a file passes the text pre-check.
  quickCheckModule ??= require('../../transforms/lib/filters/quick-check') as QuickCheckModule;
  return quickCheckModule;
}

function getParser(entry: FileEntry, options: ProcessOptions): ParserName {
  return options.parser === 'auto' ? getParserForPath(entry.path) : options.parser;
}

/**
 * Load the transforms and everything they load on first use (Babel's parser, traverse and types,
 * meriyah, jsdiff) now, rather than on the first file that needs them: a worker has time for it
 * before its first batch arrives.
 */
export function preloadTransforms(): void {
  loadTransforms().preload();
  require('diff');
}

/** Load the quick check (meriyah) now. */
export function preloadQuickCheck(): void {
  loadQuickCheck();
}

/** The unified diff hunks between two texts (3 lines of context), without file headers. */
export function diffHunks(source: string, output: string): string {
  // Lazy: only needed for changed files.
  const { createTwoFilesPatch, OMIT_HEADERS } = require('diff') as typeof import('diff');
  return createTwoFilesPatch('', '', source, output, undefined, undefined, {
    context: DIFF_CONTEXT,
    headerOptions: OMIT_HEADERS,
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** Does this look like a bundle or minified file (very long lines)? */
export function isMinified(filePath: string, text: string): boolean {
  if (/\.min\.[cm]?[jt]sx?$/i.test(filePath)) return true;
  if (text.length < 2048) return false;
  // Minified: 3 lines or fewer, or more than 250 characters a line on average. Counting stops at
  // the number of lines that rules both out.
  const enough = Math.max(4, Math.ceil(text.length / 250));
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && lines < enough; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines < enough;
}

/** Why these bytes cannot be processed as source text, or null. */
function getUnsupportedReason(bytes: Buffer): { skipped: string; skipReason: SkipReason } | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { skipped: 'UTF-16 encoded', skipReason: 'utf-16' };
  }
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return { skipped: 'binary file', skipReason: 'binary' };
  return null;
}

/** Read the file's bytes, or a skip reason when it is larger than `maxSize`. */
function readBytes(file: string, maxSize: number): Buffer | { skipped: string; skipReason: SkipReason } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > maxSize) return { skipped: `larger than --max-size (${formatSize(size)})`, skipReason: 'too-large' };
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = fs.readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === size ? bytes : bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

export function decode(bytes: Buffer): { text: string; encoding: TextEncoding } {
  // ASCII decodes to the same text as UTF-8 and as Latin-1; Latin-1 decoding is the faster.
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), encoding: 'utf8' };
  // A file that is not valid UTF-8 is read as Latin-1, which gives back the exact bytes when written.
  const encoding: TextEncoding = isUtf8(bytes) ? 'utf8' : 'latin1';
  return { text: bytes.toString(encoding), encoding };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `cannot read file (${code})` : error.message;
  }
  return String(error);
}

/** A file that passed the pre-check: its text, to be parsed and transformed. */
export interface SourceText {
  entry: FileEntry;
  text: string;
  encoding: TextEncoding;
  /** The quick check has passed it (false: still to run, where the file is parsed). */
  quickChecked: boolean;
}

/**
 * The cheap first half of processing a file: read it, skip what is not source, run the text
 * pre-check and (with `quickCheck`) the quick check. Returns the final result for most files, or
 * the text when it must be parsed.
 */
export function readSource(entry: FileEntry, options: ProcessOptions, quickCheck = true): FileResult | SourceText {
  let read: Buffer | { skipped: string; skipReason: SkipReason };
  try {
    read = readBytes(entry.real, options.maxSize);
  } catch (error) {
    return { ...unchangedResult(entry), status: 'error', error: { message: describe(error) } };
  }
  if (!Buffer.isBuffer(read)) return { ...unchangedResult(entry), status: 'skipped', ...read };
  return getSource(entry, read, options, quickCheck);
}

/** `readSource` for bytes already read (stdin): skip what is not source, run the pre-checks. */
export function getSource(entry: FileEntry, bytes: Buffer, options: ProcessOptions, quickCheck = true): FileResult | SourceText {
  const result = unchangedResult(entry);
  const unsupported = getUnsupportedReason(bytes);
  if (unsupported) return { ...result, status: 'skipped', ...unsupported };
  const { text, encoding } = decode(bytes);
  if (isMinified(entry.display, text)) return { ...result, status: 'skipped', skipped: 'minified or bundled file', skipReason: 'minified' };
  if (!mightContainHandler(text)) return result;
  if (!options.includeGenerated && isGeneratedSource(text)) {
    return {
      ...result,
      status: 'skipped',
      skipped: 'generated (compiled output: transform its source, or pass --include-generated)',
      skipReason: 'generated',
    };
  }
  const source: SourceText = { entry, text, encoding, quickChecked: false };
  return quickCheck ? quickCheckSource(source, options) : source;
}

function unchangedResult(entry: FileEntry): FileResult {
  return { path: entry.display, file: entry.real, status: 'unchanged', transforms: [], findings: [] };
}

function passesQuickCheck(source: SourceText, options: ProcessOptions): boolean {
  return source.quickChecked || loadQuickCheck().mayHaveHandlersQuick(source.text, getParser(source.entry, options));
}

export function isSourceText(value: FileResult | SourceText): value is SourceText {
  return 'text' in value && 'quickChecked' in value;
}

/** The quick check alone: the final result when it rules the file out, else the source, checked. */
export function quickCheckSource(source: SourceText, options: ProcessOptions): FileResult | SourceText {
  return passesQuickCheck(source, options) ? { ...source, quickChecked: true } : unchangedResult(source.entry);
}

/** The costly second half: the quick check if still to run, parse once with Babel, run the transforms, compute the diff. */
export function transformSource(source: SourceText, options: ProcessOptions): FileResult {
  const { entry, text, encoding } = source;
  const result = unchangedResult(entry);
  if (!passesQuickCheck(source, options)) return result;
  const parser = getParser(entry, options);
  const { applyTransforms, clearTraversalCaches, ParseError } = loadTransforms();
  try {
    const applied = applyTransforms(text, {
      path: entry.path,
      parser,
      transforms: options.transforms,
      transformOptions: options.transformOptions,
      modules: getModuleLoader(),
    });
    clearTraversalCaches();
    const lines = new LineIndex(text);
    result.findings = applied.findings
      .map((finding) => ({ ...finding, ...getSiteKey(text, finding, lines) }))
      .sort((a, b) => a.line - b.line || a.column - b.column || (a.transform < b.transform ? -1 : a.transform > b.transform ? 1 : 0));
    if (applied.changed && applied.output !== text) {
      result.status = 'changed';
      result.transforms = applied.applied;
      result.sites = applied.sites.map(({ transform, line, column, message }) => ({ transform, line, column, message }));
      result.hunks = diffHunks(text, applied.output);
      result.encoding = encoding;
      if (options.keepText) {
        result.source = text;
        result.output = applied.output;
      }
    }
    return result;
  } catch (error) {
    clearTraversalCaches();
    if (error instanceof ParseError) {
      return { ...result, status: 'error', error: { message: error.message, line: error.line, column: error.column } };
    }
    return { ...result, status: 'error', error: { message: error instanceof Error ? error.message : String(error) } };
  }
}

/** One file, start to finish. */
export function processFile(entry: FileEntry, options: ProcessOptions): FileResult {
  const read = readSource(entry, options);
  return isSourceText(read) ? transformSource(read, options) : read;
}
