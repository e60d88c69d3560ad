/**
 * The data every transform returns. Transforms never print and never touch files: they take
 * source text and return rewrite sites (text edits) and findings (sites left alone, with a reason).
 */

/** Parser names, as accepted by `--parser` and by jscodeshift's `--parser`. */
export type ParserName = 'babel' | 'flow' | 'ts' | 'tsx';

/** Replace `source.slice(start, end)` with `text`. Offsets are UTF-16 indices into one source text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A place left alone (or changed with a caveat) that a person should look at. 1-based line and column. */
export interface Finding {
  transform: string;
  /**
   * Stable id of the kind of finding, `<transform>/<kind>` (`await-then-send/response-handed-off`):
   * the message may be reworded, the id never is.
   */
  rule: string;
  /** `warning`: behaviour may be wrong and was left alone; `info`: a change was made that deserves a look. */
  severity: Severity;
  line: number;
  column: number;
  /** 1-based end of the node the finding is about. */
  endLine: number;
  endColumn: number;
  message: string;
}

export type Severity = 'warning' | 'info';

/**
 * One rewrite: the edits that make it, applied together or not at all. `line`/`column` are 1-based
 * and point at the statement being rewritten. Edits of different sites of one transform never
 * overlap, except identical edits (for example the same `async ` insertion), which are applied once.
 */
export interface Site {
  transform: string;
  line: number;
  column: number;
  message: string;
  edits: TextEdit[];
}

/**
 * Where the code runs. `functions` (the default): the platform may throttle or stop the instance
 * once the response is sent (Cloud Functions, Cloud Run functions, Firebase, Cloud Run with
 * request-based CPU), so work after the response may never run. `server`: code that keeps its CPU
 * (VMs, GKE, App Engine flexible, Cloud Run with CPU always allocated); a handler that no function
 * registration reaches (a standalone server) finishes its work after the response.
 */
export type Platform = 'functions' | 'server';

/**
 * A `--respond` template, parsed (`transforms/lib/edit/respond-template.ts`): plain data, so that
 * the parsed options travel to worker threads as they are.
 */
export interface RespondTemplate {
  /** The expression's text, without the statement's semicolon or surrounding blanks. */
  text: string;
  /** The references to `res` in `text` (offsets into it), renamed when the response has another name. */
  references: { start: number; shorthand: boolean }[];
  /** The methods called on the response, innermost first: `['status', 'end']`. */
  chain: string[];
}

/**
 * Options shared by all transforms, parsed. Each is declared once, with its flag, help, parse and
 * default, in `transforms/lib/options.ts`; the command line parses them once and carries this object
 * unchanged to every transform.
 */
export interface TransformOptions {
  /** The response added by `await-then-send` and `end-handler`, written with `res`; default: by handler (`getDefaultResponse`). */
  respond?: RespondTemplate;
  /** Default `functions`. With `server`, `respond-last` reports work after the response of a standalone server instead of moving it. */
  platform?: Platform;
}

export interface TransformResult {
  sites: Site[];
  findings: Finding[];
}
