import { checkTransformNames, DEFAULT_EXTENSIONS, DEFAULT_MAX_SIZE, parseCliArgs, parseSize, type CliOptions } from '../../cli/args';
import { PLATFORMS } from '../../transforms/lib/options';

const DEFAULTS: CliOptions = {
  paths: ['.'],
  mode: 'dry-run',
  format: 'text',
  updateBaseline: false,
  include: [],
  exclude: [],
  diff: false,
  errorOnUnmatchedPattern: true,
  reports: [],
  patch: undefined,
  transforms: undefined,
  transformOptions: {},
  ignore: [],
  gitignore: true,
  extensions: [...DEFAULT_EXTENSIONS],
  parser: 'auto',
  jobs: undefined,
  maxSize: DEFAULT_MAX_SIZE,
  includeGenerated: false,
  force: false,
  quiet: false,
  verbose: false,
};

describe('parseCliArgs: runs', () => {
  const cases: Array<[string, string[], Partial<CliOptions>]> = [
    ['no arguments: dry run over .', [], {}],
    ['paths', ['src', 'lib/a.js'], { paths: ['src', 'lib/a.js'] }],
    ['--write', ['--write', 'src'], { mode: 'write', paths: ['src'] }],
    ['--write --force', ['--write', '--force'], { mode: 'write', force: true }],
    ['--check', ['--check'], { mode: 'check' }],
    ['--json', ['--json'], { format: 'json' }],
    ['--patch FILE', ['--patch', 'out.patch'], { patch: 'out.patch' }],
    ['--patch -', ['--patch', '-'], { patch: '-' }],
    ['--patch=FILE', ['--patch=x.diff'], { patch: 'x.diff' }],
    ['-t with a list', ['-t', 'await-then-send,send-status'], { transforms: ['await-then-send', 'send-status'] }],
    ['-t repeated, deduplicated', ['-t', 'a', '--transform', 'b', '-t', 'a'], { transforms: ['a', 'b'] }],
    ['-tNAME', ['-tsend-status'], { transforms: ['send-status'] }],
    ['--respond', ['--respond', 'res.status(204).end()'], { transformOptions: { respond: 'res.status(204).end()' } }],
    ['--platform server', ['--platform', 'server'], { transformOptions: { platform: 'server' } }],
    ['--platform=functions', ['--platform=functions'], { transformOptions: { platform: 'functions' } }],
    ['--ignore repeated', ['--ignore', '*.test.js', '--ignore', 'legacy/'], { ignore: ['*.test.js', 'legacy/'] }],
    ['--no-gitignore', ['--no-gitignore'], { gitignore: false }],
    ['--extensions with dots and case', ['--extensions', '.JS, ts'], { extensions: ['js', 'ts'] }],
    ['--parser', ['--parser', 'flow'], { parser: 'flow' }],
    ['-j N', ['-j', '4'], { jobs: 4 }],
    ['-jN', ['-j2'], { jobs: 2 }],
    ['--jobs=N', ['--jobs=1'], { jobs: 1 }],
    ['--max-size 10MB', ['--max-size', '10MB'], { maxSize: 10 * 1024 * 1024 }],
    ['--max-size 500k', ['--max-size', '500k'], { maxSize: 500 * 1024 }],
    ['--quiet', ['-q'], { quiet: true }],
    ['--verbose', ['--verbose'], { verbose: true }],
    ['-- before a path starting with a dash', ['--', '-weird'], { paths: ['-weird'] }],
  ];
  test.each(cases)('%s', (_name, argv, expected) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'run', options: { ...DEFAULTS, ...expected } });
  });
});

describe('parseCliArgs: commands', () => {
  test.each([
    [['--help'], 'help'],
    [['-h', '--write'], 'help'],
    [['--version'], 'version'],
    [['--list'], 'list'],
    [['--bogus', '--help'], 'error'],
  ])('%j -> %s', (argv, kind) => {
    expect(parseCliArgs(argv).kind).toBe(kind);
  });
});

describe('parseCliArgs: usage errors', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--bogus'], /unknown option '--bogus'/],
    [['-x'], /unknown option '-x'/],
    [['--write', '--check'], /--write and --check cannot be used together/],
    [['--quiet', '--verbose'], /--quiet and --verbose/],
    [['--force'], /--force only makes sense with --write/],
    [['--json', '--patch', '-'], /--format json and --patch - both print on stdout/],
    [['--parser', 'espree'], /--parser must be one of auto, babel, flow, ts, tsx/],
    [['-j', '0'], /--jobs must be a whole number/],
    [['-j', 'many'], /--jobs must be a whole number/],
    [['-j', '1.5'], /--jobs must be a whole number/],
    [['-j'], /'--jobs' needs a value/],
    [['--max-size', 'huge'], /--max-size must be a size/],
    [['--extensions', ','], /--extensions must be a comma-separated list/],
    [['-t', ','], /--transform needs at least one/],
    [['--respond', '  '], /--respond needs a statement/],
    [['--platform', 'vm'], /^--platform must be one of functions, server \(got "vm"\)$/],
    [['--platform', 'Server'], /^--platform must be one of functions, server \(got "Server"\)$/],
    [['--platform'], /'--platform' needs a value/],
    [['--ignore', ''], /--ignore needs a pattern/],
    [['--write=yes'], /'--write' does not take a value/],
    [['--patch', '-o'], /needs a value/],
  ];
  test.each(cases)('%j', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });
});

describe('parseSize', () => {
  test.each([
    ['100', 100],
    ['1k', 1024],
    ['1kb', 1024],
    ['5MB', 5 * 1024 * 1024],
    ['1.5m', 1.5 * 1024 * 1024],
    ['2GiB', 2 * 1024 ** 3],
    ['0', null],
    ['-1', null],
    ['ten', null],
    ['5 TB', null],
  ])('%s -> %s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
});

describe('checkTransformNames', () => {
  const known = ['await-then-send', 'respond-last', 'send-status'];
  test('all known', () => expect(checkTransformNames(['send-status'], known)).toBeNull());
  test('one unknown', () =>
    expect(checkTransformNames(['send-status', 'nope'], known)).toBe(
      'unknown transform "nope" (known: await-then-send, respond-last, send-status; see --list)',
    ));
  test('several unknown', () => expect(checkTransformNames(['a', 'b'], known)).toMatch(/^unknown transforms "a", "b"/));
});

test('--platform accepts exactly the platforms the transforms know', () => {
  for (const platform of PLATFORMS) expect(parseCliArgs(['--platform', platform])).toMatchObject({ kind: 'run', options: { transformOptions: { platform } } });
});
