/**
 * The transform options, each declared once: its check and parse, its default, the command line's
 * flags and help lines built from it, and the transforms that read it.
 */
import { formatOptionHelp, HELP, parseCliArgs } from '../../../cli/args';
import { transforms } from '../../../transforms';
import {
  isPlatform,
  parseTransformOptions,
  PLATFORM_OPTION,
  PLATFORMS,
  readTransformOptions,
  RESPOND_OPTION,
  TRANSFORM_OPTION_LIST,
  TRANSFORM_OPTIONS,
} from '../../../transforms/lib/options';

const NOT_A_RESPONSE =
  '--respond "console.log(\'res\')" must call a method of the response "res", such as "res.sendStatus(204)", "res.status(204).end()" or "res.json({ ok: true })"';

describe('--respond', () => {
  test('check: an empty or blank statement, from the text alone', () => {
    expect(RESPOND_OPTION.check('')).toBe('--respond needs a statement such as "res.status(204).end()"');
    expect(RESPOND_OPTION.check('  ')).toBe('--respond needs a statement such as "res.status(204).end()"');
    expect(RESPOND_OPTION.check("console.log('res')")).toBeNull();
    expect(RESPOND_OPTION.check('res.status(204).end()')).toBeNull();
  });

  test('parse: the parsed template, or why it is not usable', () => {
    expect(RESPOND_OPTION.parse('res.status(204).end();')).toEqual({
      value: { text: 'res.status(204).end()', references: [{ start: 0, shorthand: false }], chain: ['status', 'end'] },
    });
    expect(RESPOND_OPTION.parse("console.log('res')")).toEqual({ error: NOT_A_RESPONSE });
  });

  test('default: none (each transform picks the response by handler)', () => {
    expect(RESPOND_OPTION.defaultValue).toBeUndefined();
    expect(parseTransformOptions({}).value).not.toHaveProperty('respond');
  });
});

describe('--platform', () => {
  test('check and parse: one of the platforms', () => {
    for (const platform of PLATFORMS) {
      expect(isPlatform(platform)).toBe(true);
      expect(PLATFORM_OPTION.check(platform)).toBeNull();
      expect(PLATFORM_OPTION.parse(platform)).toEqual({ value: platform });
    }
    expect(PLATFORM_OPTION.check('vm')).toBe('--platform must be one of functions, server (got "vm")');
    expect(PLATFORM_OPTION.parse('vm')).toEqual({ error: '--platform must be one of functions, server (got "vm")' });
  });

  test('default: functions', () => {
    expect(PLATFORM_OPTION.defaultValue).toBe('functions');
    expect(parseTransformOptions({}).value).toEqual({ platform: 'functions' });
  });
});

describe('parseTransformOptions and readTransformOptions', () => {
  test('every option parsed, defaults filled in; the first unusable one is the error', () => {
    const parsed = parseTransformOptions({ respond: 'res.sendStatus(204)', platform: 'server' });
    expect(parsed.value).toEqual({
      respond: { text: 'res.sendStatus(204)', references: [{ start: 0, shorthand: false }], chain: ['sendStatus'] },
      platform: 'server',
    });
    expect(parseTransformOptions({ respond: "console.log('res')", platform: 'vm' })).toEqual({ error: NOT_A_RESPONSE });
  });

  test('the parsed options are plain data: a structured clone (a worker thread) gets them unchanged', () => {
    const parsed = parseTransformOptions({ respond: 'res.json({ res })', platform: 'server' }).value;
    expect(structuredClone(parsed)).toEqual(parsed);
  });

  test("jscodeshift's options object: other keys ignored, an unusable value throws the command line's message", () => {
    expect(readTransformOptions({ parser: 'ts', platform: 'server' })).toEqual({ platform: 'server' });
    expect(() => readTransformOptions({ respond: "console.log('res')" })).toThrow(NOT_A_RESPONSE);
    expect(() => readTransformOptions({ platform: 1 })).toThrow('--platform must be one of functions, server (got "1")');
  });
});

describe('declarations', () => {
  test('each is stored under its own name', () => {
    for (const [name, declaration] of Object.entries(TRANSFORM_OPTIONS)) expect(declaration.name).toBe(name);
    expect(TRANSFORM_OPTION_LIST.map((option) => option.name)).toEqual(['respond', 'platform']);
  });

  test('every option a transform lists is declared, and every declared option is read by some transform', () => {
    const listed = new Set([...transforms.values()].flatMap((definition) => definition.options));
    for (const option of listed) expect(TRANSFORM_OPTION_LIST).toContain(option);
    for (const option of TRANSFORM_OPTION_LIST) expect(listed).toContain(option);
  });

  test('the transforms that read each option', () => {
    const readers = (name: string) => [...transforms.values()].filter((d) => d.options.some((o) => o.name === name)).map((d) => d.name);
    expect(readers('respond')).toEqual(['await-then-send', 'end-handler']);
    expect(readers('platform')).toEqual(['respond-last']);
  });

  test('the command line takes each as --<name> VALUE and prints its help lines under Transforms', () => {
    for (const option of TRANSFORM_OPTION_LIST) {
      expect(HELP).toContain(formatOptionHelp(option));
      expect(formatOptionHelp(option).split('\n')[0]).toMatch(new RegExp(`^ {6}--${option.name} ${option.valueName} +\\S`));
    }
    expect(parseCliArgs(['--respond', 'res.end()', '--platform=server'])).toMatchObject({
      kind: 'run',
      options: { transformOptions: { respond: 'res.end()', platform: 'server' } },
    });
  });
});
