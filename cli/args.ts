/**
 * Command-line arguments -> options. Pure: no process, no file system, no transform registry (the
 * transform names, and the transform options' texts, are checked and parsed by main.ts, which loads
 * what they need lazily). The transform options' flags and help lines come from their declarations
 * (`transforms/lib/options.ts`, which loads nothing).
 */
import { parseArgs } from 'node:util';
import { TRANSFORM_OPTION_LIST, type RawTransformOptions, type TransformOptionDeclaration, type TransformOptionName } from '../transforms/lib/options';

export type ParserOption = 'auto' | 'babel' | 'flow' | 'ts' | 'tsx';
export type Mode = 'dry-run' | 'write' | 'check';
export type Format = 'text' | 'json' | 'github' | 'sarif';

export const FORMATS: readonly Format[] = ['text', 'json', 'github', 'sarif'];

export const PARSERS: readonly ParserOption[] = ['auto', 'babel', 'flow', 'ts', 'tsx'];
export const DEFAULT_EXTENSIONS: readonly string[] = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];
export const DEFAULT_MAX_SIZE = 5 * 1024 * 1024;

export interface CliOptions {
  /** Files or directories, as given (default `.`). */
  paths: string[];
  mode: Mode;
  /** How the results are printed (`--format`; `--json` is `json`). */
  format: Format;
  /** Where the formatted results go instead of stdout (`-o`). */
  outputFile?: string;
  /** Findings acknowledged by this baseline file are not reported (`--baseline`). */
  baseline?: string;
  /** Write the baseline (the `--baseline` file, or sendlast-baseline.json) from this run's findings. */
  updateBaseline: boolean;
  /** Glob patterns relative to the current directory: only matching files under directories are scanned. */
  include: string[];
  /** Glob patterns relative to the current directory: matching files are not scanned. */
  exclude: string[];
  /** Read one file from stdin and print the result (`--stdin --stdin-filename PATH`). */
  stdinFilename?: string;
  /** With `--stdin`: print the diff instead of the new text. */
  diff: boolean;
  /** Read the paths from this file (`-` for stdin), newline or NUL separated. */
  filesFrom?: string;
  /** A directory without matching files or a glob without matches is a usage error. */
  errorOnUnmatchedPattern: boolean;
  /** Where to write the patch; `-` is stdout. */
  patch?: string;
  /** Transform names as given (validated by main.ts); undefined: all. */
  transforms?: string[];
  /** The transform options given (`--respond`, `--platform`), as text: main.ts parses them once. */
  transformOptions: RawTransformOptions;
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
  /** Transform compiled output too (TypeScript/Babel downlevel helpers, a source map comment). */
  includeGenerated: boolean;
  force: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Review every change in the terminal (`--interactive`); undefined: no. */
  interactive?: boolean;
  /** Where to write review reports (each `.md` or `.html`). */
  reports: string[];
  /** Review reports link files under this URL (`--link-base`). */
  linkBase?: string;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'list' } | { kind: 'run'; options: CliOptions } | { kind: 'error'; message: string };

const OPTIONS = {
  write: { type: 'boolean' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  patch: { type: 'string' },
  interactive: { type: 'boolean' },
  report: { type: 'string', multiple: true },
  'link-base': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  diff: { type: 'boolean' },
  'files-from': { type: 'string' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  transform: { type: 'string', short: 't', multiple: true },
  list: { type: 'boolean' },
  ...(Object.fromEntries(TRANSFORM_OPTION_LIST.map(({ name }) => [name, { type: 'string' }])) as Record<TransformOptionName, { type: 'string' }>),
  ignore: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  'include-generated': { type: 'boolean' },
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

/** Where the descriptions of `--help` start. */
const HELP_COLUMN = 27;

/** A transform option's lines in `--help`: `--name VALUE` and its description at the help column. */
export function formatOptionHelp(declaration: TransformOptionDeclaration): string {
  const flag = `      --${declaration.name} ${declaration.valueName}`.padEnd(HELP_COLUMN - 2);
  return declaration.help.map((line, i) => `${i === 0 ? `${flag}  ` : ' '.repeat(HELP_COLUMN)}${line}\n`).join('');
}

export const HELP = `Usage: sendlast [options] [paths...]

Make HTTP handlers (Cloud Functions, Cloud Run, Firebase, Express) respond last:
await the work, then send the response. Paths are files, directories or globs
(default: .).
Without --write nothing is written: the changes are printed as a unified diff.

Modes:
      --write              apply the changes (atomic per file); refuses when files it
                           would change have uncommitted git changes, or are not in a
                           git repository, unless --force
      --check              dry run that exits 1 when a file would change or a finding
                           is not acknowledged by the baseline (for CI)
      --patch FILE         write all changes as one patch for \`git apply\` (- for stdout)
      --interactive        review every change in the terminal, one at a time, and
                           write the ones you accept (keys as in \`git add -p\`)
      --report FILE        also write a review report: FILE.md (Markdown, for a pull
                           request) or FILE.html (one self-contained page); repeatable
      --link-base URL      link files in review reports under URL (followed by the path
                           from the git root), e.g. https://github.com/o/r/blob/<commit>
      --force              with --write or --interactive: write even over
                           uncommitted changes or outside a git repository

Baseline (accepted findings):
      --baseline FILE      findings listed in FILE are acknowledged: not reported and
                           not failing --check; entries that match nothing are listed
      --update-baseline    write FILE (default sendlast-baseline.json) with every
                           finding of this run, and exit 0 unless files would change
                           under --check or could not be read

Output:
  -f, --format NAME        text (default), json, github (workflow annotations) or
                           sarif (SARIF 2.1.0)
      --json               same as --format json
  -o, --output-file FILE   write the formatted output to FILE instead of stdout

Transforms:
  -t, --transform NAME[,NAME]  run only these transforms (repeatable; default: all,
                               always in canonical order)
      --list               list the transforms: what each does, which options it reads
${TRANSFORM_OPTION_LIST.map(formatOptionHelp).join('')}
Files (paths may be files, directories or globs such as "functions/**/*.js"):
      --include GLOB       only scan files under the given directories that match
                           this glob, relative to the current directory (repeatable)
      --exclude GLOB       do not scan files matching this glob (repeatable)
      --ignore PATTERN     skip files matching this gitignore-style pattern (repeatable)
      --no-gitignore       do not read .gitignore files and .git/info/exclude
      --include-generated  also transform compiled output (skipped by default: edit its source)
                           (node_modules is always skipped)
      --files-from FILE    also read paths from FILE (- for stdin), one per line or
                           NUL-separated (\`git ls-files -z\`)
      --no-error-on-unmatched-pattern
                           a directory without matching files, a glob without matches
                           or an empty --files-from is not an error (exit 2 otherwise)
      --extensions LIST    extensions to scan (default: ${DEFAULT_EXTENSIONS.join(',')})
      --parser NAME        auto|babel|flow|ts|tsx (default auto: by extension)
      --max-size SIZE      skip files larger than this (default 5MB; e.g. 500k, 10MB)
      --stdin              transform the text on stdin and print the result (findings
                           and errors on stderr); needs --stdin-filename
      --stdin-filename PATH   the path of the text on stdin (picks the parser)
      --diff               with --stdin: print a unified diff instead of the text

Output and speed:
  -j, --jobs N             worker threads to parse files on (default: available
                           cores; small runs use the main thread)
  -q, --quiet              print only errors (and, with --check, why it fails)
      --verbose            also print skipped files and timing details
      --version            print the version
  -h, --help               print this help

Exit codes: 0 success, 1 --check found changes or findings that are not in the
baseline, 2 usage error (or --write refused, or nothing matched), 3 some files could
not be read, parsed or written.

Examples:
  sendlast                                  dry run over the current directory
  sendlast src functions/index.js           dry run over a directory and a file
  sendlast --write src                      apply the changes
  sendlast --check .                        fail CI when a handler still needs work
  sendlast --check --baseline sendlast-baseline.json .
                                            ... except for the accepted findings
  sendlast --update-baseline --baseline sendlast-baseline.json .
  sendlast --check --format github .        annotations in a GitHub Actions log
  sendlast --format sarif -o sendlast.sarif .
  sendlast "functions/**/*.js"              the files matching a glob
  git ls-files -z | sendlast --files-from - --check
  sendlast --stdin --stdin-filename src/index.ts < src/index.ts
  sendlast --patch sendlast.patch && git apply sendlast.patch
  sendlast -t await-then-send --respond "res.status(204).end()" src
  sendlast --platform server src            a server that keeps its CPU (VM, GKE)
  sendlast --format json . > report.json
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

/** Edit distance between two strings (insertions, deletions, substitutions, transpositions). */
export function getEditDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** The known long option closest to `given` (`--wirte` -> `--write`), or null when none is close. */
export function suggestOption(given: string): string | null {
  const name = given.replace(/^-+/, '').split('=')[0] ?? '';
  if (name.length < 2) return null;
  let best: { option: string; distance: number } | null = null;
  for (const option of Object.keys(OPTIONS)) {
    const distance = getEditDistance(name.toLowerCase(), option);
    if (!best || distance < best.distance) best = { option, distance };
  }
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  return best && best.distance <= limit ? `--${best.option}` : null;
}

/** Turn util.parseArgs' messages into short ones that do not mention its internals. */
function describeParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const unknown = /^Unknown option '([^']*)'/.exec(message);
  if (unknown) {
    const given = unknown[1] ?? '';
    const suggestion = given.startsWith('--') ? suggestOption(given) : null;
    return `unknown option '${given}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `option '${missing[1]}' needs a value`;
  const ambiguous = /^Option '([^']*)' argument is ambiguous/.exec(message);
  if (ambiguous) return `option '${ambiguous[1]}' needs a value (write --option=VALUE for a value starting with -)`;
  const noArg = /^Option '([^']*)' does not take an argument/.exec(message);
  if (noArg) return `option '${noArg[1]}' does not take a value`;
  return message.split('\n')[0] ?? message;
}

type Values = ReturnType<typeof parse>['values'];

/** A command line that does not make sense, with the message to print: thrown by the checks below, caught by parseCliArgs alone. */
class ArgsError {
  constructor(readonly message: string) {}
}

function fail(message: string): never {
  throw new ArgsError(message);
}

/** Parse argv (without `node` and the script). */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    return { kind: 'error', message: describeParseError(error) };
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values.list) return { kind: 'list' };
  try {
    return { kind: 'run', options: getCliOptions(values, positionals) };
  } catch (error) {
    if (error instanceof ArgsError) return { kind: 'error', message: error.message };
    throw error;
  }
}

/** The options of a run, checked in the order the usage errors are reported in. */
function getCliOptions(values: Values, positionals: string[]): CliOptions {
  const mode = getMode(values);
  const format = getFormat(values);
  const outputFile = values['output-file'];
  if (outputFile === '') fail('--output-file needs a file name');
  const reports = values.report ?? [];
  checkOutputs(values, format, reports);
  const stdinFilename = getStdinFilename(values, positionals, format);
  if (values['files-from'] === '') fail('--files-from needs a file name (or - for stdin)');
  const linkBase = getLinkBase(values, reports);
  const parser = getParser(values);
  const jobs = getJobs(values);
  const maxSize = getMaxSize(values);
  const extensions = getExtensions(values);
  const transforms = getTransforms(values);
  const transformOptions = getTransformOptions(values);
  const { ignore, include, exclude } = getPatterns(values);
  return {
    paths: positionals.length > 0 ? positionals : values['files-from'] !== undefined || values.stdin ? [] : ['.'],
    mode,
    format,
    outputFile,
    baseline: values.baseline,
    updateBaseline: values['update-baseline'] ?? false,
    include,
    exclude,
    stdinFilename,
    diff: values.diff ?? false,
    filesFrom: values['files-from'],
    errorOnUnmatchedPattern: !values['no-error-on-unmatched-pattern'],
    patch: values.patch,
    transforms,
    transformOptions,
    ignore,
    gitignore: !values['no-gitignore'],
    extensions,
    parser,
    jobs,
    maxSize,
    includeGenerated: values['include-generated'] ?? false,
    force: values.force ?? false,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    interactive: values.interactive,
    reports,
    linkBase,
  };
}

/** `--write`, `--check` or neither, and the flags that only make sense with some modes. */
function getMode(values: Values): Mode {
  const modes = (['write', 'check'] as const).filter((name) => values[name]);
  if (modes.length > 1) fail('--write and --check cannot be used together');
  if (values.quiet && values.verbose) fail('--quiet and --verbose cannot be used together');
  if (values.force && !values.write && !values.interactive) fail('--force only makes sense with --write or --interactive');
  return modes[0] ?? 'dry-run';
}

function getFormat(values: Values): Format {
  if (values.format === undefined) return values.json ? 'json' : 'text';
  if (!(FORMATS as readonly string[]).includes(values.format)) fail(`--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
  if (values.json && values.format !== 'json') fail(`--json is --format json: it cannot be used with --format ${values.format}`);
  return values.format as Format;
}

/** What --interactive excludes, the report names, and where --patch, --baseline and the output go. */
function checkOutputs(values: Values, format: Format, reports: readonly string[]): void {
  if (values.interactive) {
    const given = {
      write: values.write,
      check: values.check,
      json: values.json,
      format: values.format,
      'output-file': values['output-file'],
      patch: values.patch,
      report: reports.length > 0 ? true : undefined,
      baseline: values.baseline,
      'update-baseline': values['update-baseline'],
      stdin: values.stdin,
    };
    const other = Object.entries(given).find(([, value]) => value !== undefined && value !== false)?.[0];
    if (other) fail(`--interactive cannot be used with --${other}`);
  }
  const badReport = reports.find((report) => !/\.(md|markdown|html?)$/i.test(report));
  if (badReport !== undefined) fail(`--report needs a file name ending in .md or .html (got "${badReport}")`);
  if (format !== 'text' && values.patch === '-' && values['output-file'] === undefined) {
    fail(`--format ${format} and --patch - both print on stdout; give --patch or --output-file a file name`);
  }
  if (values.patch === '') fail('--patch needs a file name (or - for stdout)');
  if (values.baseline === '') fail('--baseline needs a file name');
}

/** `--stdin --stdin-filename PATH`: the path, and what cannot go with it; undefined without --stdin. */
function getStdinFilename(values: Values, positionals: readonly string[], format: Format): string | undefined {
  const stdinFilename = values['stdin-filename'];
  if (!values.stdin) {
    if (stdinFilename !== undefined) fail('--stdin-filename only makes sense with --stdin');
    if (values.diff) fail('--diff only makes sense with --stdin (the other modes print a diff already)');
    return undefined;
  }
  if (stdinFilename === undefined || stdinFilename === '') fail('--stdin needs --stdin-filename PATH (the path picks the parser)');
  if (positionals.length > 0) fail('--stdin reads one file from stdin: give no paths');
  const other = (['write', 'patch', 'report', 'files-from', 'update-baseline', 'baseline', 'include', 'exclude'] as const).find(
    (name) => values[name] !== undefined && values[name] !== false,
  );
  if (other) fail(`--stdin cannot be used with --${other}`);
  if (format === 'sarif' || format === 'github') fail(`--stdin prints the file: --format ${format} does not apply`);
  return stdinFilename;
}

function getLinkBase(values: Values, reports: readonly string[]): string | undefined {
  const linkBase = values['link-base'];
  if (linkBase === undefined) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(linkBase))
    fail(`--link-base needs an absolute URL such as https://github.com/org/repo/blob/main (got "${linkBase}")`);
  if (reports.length === 0) fail('--link-base only makes sense with --report');
  return linkBase;
}

function getParser(values: Values): ParserOption {
  if (values.parser === undefined) return 'auto';
  if (!(PARSERS as readonly string[]).includes(values.parser)) fail(`--parser must be one of ${PARSERS.join(', ')} (got "${values.parser}")`);
  return values.parser as ParserOption;
}

function getJobs(values: Values): number | undefined {
  if (values.jobs === undefined) return undefined;
  if (!/^\d+$/.test(values.jobs) || Number(values.jobs) < 1) fail(`--jobs must be a whole number of at least 1 (got "${values.jobs}")`);
  return Number(values.jobs);
}

function getMaxSize(values: Values): number {
  if (values['max-size'] === undefined) return DEFAULT_MAX_SIZE;
  const size = parseSize(values['max-size']);
  if (size === null) fail(`--max-size must be a size such as 500000, 500k or 5MB (got "${values['max-size']}")`);
  return size;
}

function getExtensions(values: Values): string[] {
  if (values.extensions === undefined) return [...DEFAULT_EXTENSIONS];
  const extensions = splitList([values.extensions]).map((ext) => ext.replace(/^\./, '').toLowerCase());
  if (extensions.length === 0 || extensions.some((ext) => !/^[\w.-]+$/.test(ext))) {
    fail(`--extensions must be a comma-separated list such as js,ts (got "${values.extensions}")`);
  }
  return extensions;
}

function getTransforms(values: Values): string[] | undefined {
  if (values.transform === undefined) return undefined;
  const transforms = [...new Set(splitList(values.transform))];
  if (transforms.length === 0) fail('--transform needs at least one transform name (see --list)');
  return transforms;
}

/** The transform options given, as text, each checked by its declaration (main.ts parses them). */
function getTransformOptions(values: Values): RawTransformOptions {
  const transformOptions: RawTransformOptions = {};
  for (const { name, check } of TRANSFORM_OPTION_LIST) {
    const text = values[name];
    if (text === undefined) continue;
    const problem = check(text);
    if (problem !== null) fail(problem);
    transformOptions[name] = text;
  }
  return transformOptions;
}

function getPatterns(values: Values): { ignore: string[]; include: string[]; exclude: string[] } {
  const ignore = values.ignore ?? [];
  if (ignore.some((pattern) => pattern.trim() === '')) fail('--ignore needs a pattern');
  const include = values.include ?? [];
  const exclude = values.exclude ?? [];
  if ([...include, ...exclude].some((pattern) => pattern.trim() === '')) fail('--include and --exclude need a glob pattern');
  return { ignore, include, exclude };
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
