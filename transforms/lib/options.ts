/**
 * The transform options, each declared once: its name (the key in `TransformOptions`, in
 * jscodeshift's options object and in a fixture's `<case>.options.json`), its flag and `--help`
 * lines, how its text is checked and parsed, and its default. Each transform definition lists the
 * declarations it reads.
 *
 * The command line builds its flags and their `--help` lines from these declarations, checks each
 * text with the other flags, parses them once into one `TransformOptions` before any file is read,
 * and carries that object unchanged to every transform (worker threads included: it is plain data).
 * The jscodeshift wrapper parses jscodeshift's options object through the same declarations.
 *
 * Light to load (the command line reads it for `--help`): the `--respond` template's parser is
 * required on first use.
 */
import type { Platform, TransformOptions } from './types';

export type TransformOptionName = keyof TransformOptions;

/** Option texts as given (on the command line, in jscodeshift's options, in a fixture's options file). */
export type RawTransformOptions = { [K in TransformOptionName]?: string };

export type ParsedOption<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

export interface TransformOptionDeclaration<K extends TransformOptionName = TransformOptionName> {
  /** The key in `TransformOptions` and in jscodeshift's options; the flag is `--<name>`. */
  name: K;
  /** The flag's value in `--help` (`--respond STATEMENT`). */
  valueName: string;
  /** The flag's description in `--help`, line by line, as printed after the flag's column. */
  help: readonly string[];
  /** Why the text is not usable, from the text alone (nothing loaded), or null: checked with the other flags. */
  check(text: string): string | null;
  /** The value the transforms read, or why the text is not usable (the message of a usage error). */
  parse(text: string): ParsedOption<NonNullable<TransformOptions[K]>>;
  /** The value when the option is not given (undefined: each transform decides, as `getDefaultResponse` does). */
  defaultValue: TransformOptions[K];
}

export const PLATFORMS: readonly Platform[] = ['functions', 'server'];

export function isPlatform(value: unknown): value is Platform {
  return (PLATFORMS as readonly unknown[]).includes(value);
}

export const RESPOND_OPTION: TransformOptionDeclaration<'respond'> = {
  name: 'respond',
  valueName: 'STATEMENT',
  help: [
    'response added by await-then-send and end-handler,',
    'written with res (default "res.sendStatus(200)";',
    '"res.end()" for node:http; "res.status(200).end()" for',
    'Next.js API routes)',
  ],
  check: (text) => (text.trim() === '' ? '--respond needs a statement such as "res.status(204).end()"' : null),
  parse(text) {
    // Lazy: the template is parsed with Babel, which `--help` never needs.
    const { parseRespondTemplate } = require('./edit/respond-template') as typeof import('./edit/respond-template');
    const parsed = parseRespondTemplate(text);
    return parsed.template ? { value: parsed.template } : { error: parsed.error };
  },
  defaultValue: undefined,
};

export const PLATFORM_OPTION: TransformOptionDeclaration<'platform'> = {
  name: 'platform',
  valueName: 'NAME',
  help: [
    'where the code runs: functions (default: Cloud Functions,',
    'Cloud Run functions, Firebase, Cloud Run with request-based',
    'CPU, where work after the response may never run) or server',
    '(VMs, GKE, App Engine flexible, Cloud Run with CPU always',
    'allocated): there respond-last reports, instead of moving,',
    'work after the response of standalone servers (app.listen,',
    'http.createServer) that no function registration reaches',
  ],
  check: (text) => (isPlatform(text) ? null : `--platform must be one of ${PLATFORMS.join(', ')} (got "${text}")`),
  parse(text) {
    return isPlatform(text) ? { value: text } : { error: PLATFORM_OPTION.check(text)! };
  },
  defaultValue: 'functions',
};

/** Every transform option, in the order of `--help`; the type makes every key of `TransformOptions` declared. */
export const TRANSFORM_OPTIONS: { readonly [K in TransformOptionName]-?: TransformOptionDeclaration<K> } = {
  respond: RESPOND_OPTION,
  platform: PLATFORM_OPTION,
};

export const TRANSFORM_OPTION_LIST: readonly TransformOptionDeclaration[] = Object.values(TRANSFORM_OPTIONS);

/** One option's parse stored under its name (a generic function, so that the key and value types agree). */
function parseInto<K extends TransformOptionName>(
  declaration: TransformOptionDeclaration<K>,
  text: string | undefined,
  options: TransformOptions,
): string | null {
  if (text === undefined) {
    if (declaration.defaultValue !== undefined) options[declaration.name] = declaration.defaultValue;
    return null;
  }
  const parsed = declaration.parse(text);
  if (parsed.error !== undefined) return parsed.error;
  options[declaration.name] = parsed.value;
  return null;
}

/** The options the transforms read, defaults filled in; or the first text that is not usable, as a usage error's message. */
export function parseTransformOptions(raw: RawTransformOptions): ParsedOption<TransformOptions> {
  const options: TransformOptions = {};
  for (const declaration of TRANSFORM_OPTION_LIST) {
    const error = parseInto(declaration, raw[declaration.name], options);
    if (error !== null) return { error };
  }
  return { value: options };
}

/**
 * The options in an object such as jscodeshift's (`{ respond: '...', parser: 'ts' }`; other keys are
 * not options), parsed as the command line parses them: an unusable value throws, with the command
 * line's message. A value that is not a string (jscodeshift reads `--platform=1` as a number) is
 * parsed as its text.
 */
export function readTransformOptions(object: Readonly<Record<string, unknown>>): TransformOptions {
  const raw: RawTransformOptions = {};
  for (const { name } of TRANSFORM_OPTION_LIST) {
    const value = object[name];
    if (value !== undefined) raw[name] = typeof value === 'string' ? value : String(value);
  }
  const parsed = parseTransformOptions(raw);
  if (parsed.error !== undefined) throw new Error(parsed.error);
  return parsed.value;
}
