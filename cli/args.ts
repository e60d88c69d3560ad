/**
 * Command-line arguments -> options. Pure: no process, no file system, no transform registry (the
 * transform names and the `--respond` template are checked by main.ts, which loads them lazily).
 */
import { parseArgs } from 'node:util';

export type ParserOption = 'auto' | 'babel' | 'flow' | 'ts' | 'tsx';
export type Mode = 'dry-run' | 'write' | 'check';

export const PARSERS: readonly ParserOption[] = ['auto', 'babel', 'flow', 'ts', 'tsx'];
export const DEFAULT_EXTENSIONS: readonly string[] = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];
export const DEFAULT_MAX_SIZE = 5 * 1024 * 1024;

export interface CliOptions {
  /** Files or directories, as given (default `.`). */
  paths: string[];
  mode: Mode;
  json: boolean;
  /** Where to write the patch; `-` is stdout. */
  patch?: string;
  /** Transform names as given (validated by main.ts); undefined: all. */
  transforms?: string[];
  respond?: string;
  /** Gitignore-style patterns, relative to the current directory. */
  ignore: string[];
  gitignore: boolean;
  /** Lower case, without the dot. */
  extensions: string[];
  parser: ParserOption;
  /** undefined: one per available core. */
  jobs?: number;
  /** Bytes. */
  maxSize: number;
  force: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Review every change in the terminal (`--interactive`); undefined: no. */
  interactive?: boolean;
  /** Where to write the review report (`.md` or `.html`). */
  report?: string;
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'list' }
  | { kind: 'run'; options: CliOptions }
  | { kind: 'error'; message: string };

const OPTIONS = {
  write: { type: 'boolean' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  patch: { type: 'string' },
  interactive: { type: 'boolean' },
  report: { type: 'string' },
  transform: { type: 'string', short: 't', multiple: true },
  list: { type: 'boolean' },
  respond: { type: 'string' },
  ignore: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  extensions: { type: 'string' },
  parser: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'max-size': { type: 'string' },
  force: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const HELP = `Usage: sendlast [options] [paths...]

Make HTTP handlers (Cloud Functions, Cloud Run, Firebase, Express) respond last:
await the work, then send the response. Paths are files or directories (default: .).
Without --write nothing is written: the changes are printed as a unified diff.

Modes:
      --write              apply the changes (atomic per file); refuses when files it
                           would change have uncommitted git changes, unless --force
      --check              dry run that exits 1 when a file would change or a finding
                           is reported (for CI)
      --json               print one JSON report (version 1) on stdout instead of text
      --patch FILE         write all changes as one patch for \`git apply\` (- for stdout)
      --interactive        review every change in the terminal, one at a time, and
                           write the ones you accept (keys as in \`git add -p\`)
      --report FILE        also write a review report: FILE.md (Markdown, for a pull
                           request) or FILE.html (one self-contained page)
      --force              with --write or --interactive: write even over
                           uncommitted changes

Transforms:
  -t, --transform NAME[,NAME]  run only these transforms (repeatable; default: all,
                               always in canonical order)
      --list               list the transforms with a one-line description
      --respond STATEMENT  response added by await-then-send, written with res
                           (default "res.sendStatus(200)"; "res.end()" for node:http)

Files:
      --ignore GLOB        skip files matching this gitignore-style pattern (repeatable)
      --no-gitignore       do not read .gitignore files and .git/info/exclude
                           (node_modules is always skipped)
      --extensions LIST    extensions to scan (default: ${DEFAULT_EXTENSIONS.join(',')})
      --parser NAME        auto|babel|flow|ts|tsx (default auto: by extension)
      --max-size SIZE      skip files larger than this (default 5MB; e.g. 500k, 10MB)

Output and speed:
  -j, --jobs N             worker threads to parse files on (default: available
                           cores; small runs use the main thread)
  -q, --quiet              print only errors
      --verbose            also print skipped files and timing details
      --version            print the version
  -h, --help               print this help

Exit codes: 0 success, 1 --check found changes or findings, 2 usage error
(or --write refused), 3 some files could not be read, parsed or written.

Examples:
  sendlast                                  dry run over the current directory
  sendlast src functions/index.js           dry run over a directory and a file
  sendlast --write src                      apply the changes
  sendlast --check .                        fail CI when a handler still needs work
  sendlast --patch sendlast.patch && git apply sendlast.patch
  sendlast -t await-then-send --respond "res.status(204).end()" src
  sendlast --json . > report.json
  sendlast --interactive src                review and apply change by change
  sendlast --report review.md .             a review document for a pull request
  sendlast --ignore "**/*.test.js" --ignore "legacy/" .

Keep a reviewed site as it is with a comment on the line before the one a
finding or a rewrite points at (no name: every transform):
  // sendlast-disable-next-line [transform-name,...] [-- reason]
`;

/** `500`, `500k`, `5MB`, `1.5m`, `2G` -> bytes; null when not a size. */
export function parseSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(i?b)?$/i.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.floor(Number(match[1]) * factor);
  return bytes > 0 ? bytes : null;
}

function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Turn util.parseArgs' messages into short ones that do not mention its internals. */
function describeParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const unknown = /^Unknown option '([^']*)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  const missing = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `option '${missing[1]}' needs a value`;
  const ambiguous = /^Option '([^']*)' argument is ambiguous/.exec(message);
  if (ambiguous) return `option '${ambiguous[1]}' needs a value (write --option=VALUE for a value starting with -)`;
  const noArg = /^Option '([^']*)' does not take an argument/.exec(message);
  if (noArg) return `option '${noArg[1]}' does not take a value`;
  return message.split('\n')[0] ?? message;
}

/** Parse argv (without `node` and the script). */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let values: ReturnType<typeof parse>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    return { kind: 'error', message: describeParseError(error) };
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values.list) return { kind: 'list' };

  const fail = (message: string): ParsedArgs => ({ kind: 'error', message });
  const modes = (['write', 'check'] as const).filter((name) => values[name]);
  if (modes.length > 1) return fail('--write and --check cannot be used together');
  if (values.quiet && values.verbose) return fail('--quiet and --verbose cannot be used together');
  if (values.force && !values.write && !values.interactive) return fail('--force only makes sense with --write or --interactive');
  if (values.interactive) {
    const other = (['write', 'check', 'json', 'patch', 'report'] as const).find((name) => values[name] !== undefined && values[name] !== false);
    if (other) return fail(`--interactive cannot be used with --${other}`);
  }
  if (values.report !== undefined && !/\.(md|markdown|html?)$/i.test(values.report)) {
    return fail(`--report needs a file name ending in .md or .html (got "${values.report}")`);
  }
  if (values.json && values.patch === '-') return fail('--json and --patch - both print on stdout; give --patch a file name');
  if (values.patch === '') return fail('--patch needs a file name (or - for stdout)');

  let parser: ParserOption = 'auto';
  if (values.parser !== undefined) {
    if (!(PARSERS as readonly string[]).includes(values.parser)) {
      return fail(`--parser must be one of ${PARSERS.join(', ')} (got "${values.parser}")`);
    }
    parser = values.parser as ParserOption;
  }

  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    if (!/^\d+$/.test(values.jobs) || Number(values.jobs) < 1) {
      return fail(`--jobs must be a whole number of at least 1 (got "${values.jobs}")`);
    }
    jobs = Number(values.jobs);
  }

  let maxSize = DEFAULT_MAX_SIZE;
  if (values['max-size'] !== undefined) {
    const size = parseSize(values['max-size']);
    if (size === null) return fail(`--max-size must be a size such as 500000, 500k or 5MB (got "${values['max-size']}")`);
    maxSize = size;
  }

  let extensions = [...DEFAULT_EXTENSIONS];
  if (values.extensions !== undefined) {
    extensions = splitList([values.extensions]).map((ext) => ext.replace(/^\./, '').toLowerCase());
    if (extensions.length === 0 || extensions.some((ext) => !/^[\w.-]+$/.test(ext))) {
      return fail(`--extensions must be a comma-separated list such as js,ts (got "${values.extensions}")`);
    }
  }

  let transforms: string[] | undefined;
  if (values.transform !== undefined) {
    transforms = [...new Set(splitList(values.transform))];
    if (transforms.length === 0) return fail('--transform needs at least one transform name (see --list)');
  }

  if (values.respond !== undefined && values.respond.trim() === '') {
    return fail('--respond needs a statement such as "res.status(204).end()"');
  }

  const ignore = values.ignore ?? [];
  if (ignore.some((pattern) => pattern.trim() === '')) return fail('--ignore needs a pattern');

  return {
    kind: 'run',
    options: {
      paths: positionals.length > 0 ? positionals : ['.'],
      mode: modes[0] ?? 'dry-run',
      json: values.json ?? false,
      patch: values.patch,
      transforms,
      respond: values.respond,
      ignore,
      gitignore: !values['no-gitignore'],
      extensions,
      parser,
      jobs,
      maxSize,
      force: values.force ?? false,
      quiet: values.quiet ?? false,
      verbose: values.verbose ?? false,
      interactive: values.interactive,
      report: values.report,
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
}

/** Names in `requested` that are not transforms, as an error message; null when all are known. */
export function checkTransformNames(requested: readonly string[], known: readonly string[]): string | null {
  const unknown = requested.filter((name) => !known.includes(name));
  if (unknown.length === 0) return null;
  const plural = unknown.length > 1 ? 's' : '';
  return `unknown transform${plural} ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${known.join(', ')}; see --list)`;
}
