/**
 * Results -> machine formats for CI: GitHub Actions workflow annotations and SARIF 2.1.0. Pure:
 * main.ts decides where the text goes.
 *
 * Both report every finding (rule id, severity, start and end) and every file that would change
 * (rule `sendlast/would-change`, at its first changed line). In SARIF the changes are a `fix` of
 * that one result per file: one replacement per block of changed lines of the diff.
 */
import { pathToFileURL } from 'node:url';
import type { Log, Region, Replacement, ReportingDescriptor, Result } from 'sarif';
import type { FileResult } from '../run/process-file';
import type { Mode } from '../args';
import type { RunResult } from '../run/runner';

/** The rule id of a file that would change. */
export const WOULD_CHANGE_RULE = 'sendlast/would-change';
/** The rule id of a file that could not be read, parsed or written. */
export const ERROR_RULE = 'sendlast/error';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** One block of consecutive changed lines of a diff: the old lines it replaces and the new text. */
export interface LineReplacement {
  /** 1-based first old line replaced (for a pure insertion: the line the text goes before). */
  startLine: number;
  /** Old lines replaced (0: a pure insertion). */
  deletedLines: number;
  /** The last old line replaced has no newline (the end of the file). */
  deletedToEnd: boolean;
  /** Length of the last old line replaced, for a region that ends at the end of the file. */
  lastDeletedLength: number;
  /** The new lines, each with its newline (except a last line at the end of a file that has none). */
  insertedText: string;
}

/** The changed blocks of unified diff hunks (from the first `@@`), in order. */
export function getLineReplacements(hunks: string): LineReplacement[] {
  const blocks: LineReplacement[] = [];
  let oldLine = 0;
  let current: (LineReplacement & { added: string[]; addedNoNewline: boolean }) | null = null;
  let last: '-' | '+' | ' ' | null = null;
  const flush = () => {
    if (!current) return;
    const text = current.added.join('\n');
    current.insertedText = current.added.length === 0 ? '' : current.addedNoNewline ? text : `${text}\n`;
    const { added: _added, addedNoNewline: _noNewline, ...block } = current;
    blocks.push(block);
    current = null;
  };
  const lines = hunks.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
    if (header) {
      flush();
      const start = Number(header[1]);
      oldLine = header[2] === '0' ? start + 1 : start;
      last = null;
      continue;
    }
    const kind = line[0];
    const content = line.slice(1);
    if (kind === '\\') {
      // "\ No newline at end of file" about the line before.
      if (current && last === '-') current.deletedToEnd = true;
      if (current && last === '+') current.addedNoNewline = true;
      continue;
    }
    if (kind === ' ') {
      flush();
      oldLine += 1;
      last = ' ';
      continue;
    }
    current ??= { startLine: oldLine, deletedLines: 0, deletedToEnd: false, lastDeletedLength: 0, insertedText: '', added: [], addedNoNewline: false };
    if (kind === '-') {
      current.deletedLines += 1;
      current.lastDeletedLength = content.length;
      oldLine += 1;
      last = '-';
    } else if (kind === '+') {
      current.added.push(content);
      last = '+';
    }
  }
  flush();
  return blocks;
}

/** The old text a replacement deletes, as a SARIF region (whole lines, newlines included). */
function getDeletedRegion(block: LineReplacement): Region {
  if (block.deletedLines === 0) return { startLine: block.startLine, startColumn: 1, endLine: block.startLine, endColumn: 1 };
  if (block.deletedToEnd) {
    return { startLine: block.startLine, startColumn: 1, endLine: block.startLine + block.deletedLines - 1, endColumn: block.lastDeletedLength + 1 };
  }
  return { startLine: block.startLine, startColumn: 1, endLine: block.startLine + block.deletedLines, endColumn: 1 };
}

/** A SARIF/annotation message for a changed file. */
function describeChange(file: FileResult): string {
  return `would change (${file.transforms.join(', ')}): review the diff and apply it with sendlast --write`;
}

function firstChangedLine(file: FileResult): number {
  return getLineReplacements(file.hunks ?? '')[0]?.startLine ?? 1;
}

/** A relative path as a URI reference: `/`-separated, each segment percent-encoded. */
export function toUriReference(filePath: string): string {
  return filePath.split('/').map(encodeURIComponent).join('/');
}

/** `await-then-send/response-handed-off` -> `await-then-send: response handed off`. */
export function describeRule(rule: string): string {
  if (rule === WOULD_CHANGE_RULE) return 'A file would change: the codemod has a rewrite for it that is not applied yet.';
  if (rule === ERROR_RULE) return 'A file could not be read, parsed or written.';
  const slash = rule.indexOf('/');
  if (slash === -1) return rule;
  return `${rule.slice(0, slash)}: ${rule.slice(slash + 1).replace(/-/g, ' ')}`;
}

export interface SarifOptions {
  /** sendlast's version. */
  version: string;
  /** With `write`, changed files were written: they are not reported as changes to make. */
  mode: Mode;
  /** The directory the paths are relative to. */
  cwd: string;
}

type Notification = NonNullable<NonNullable<Log['runs'][number]['invocations']>[number]['toolExecutionNotifications']>[number];

function getSarifLocation(file: FileResult, region: Region) {
  return { physicalLocation: { artifactLocation: { uri: toUriReference(file.path), uriBaseId: '%SRCROOT%' }, region } };
}

/** A file that could not be processed, as a tool execution notification. */
function getErrorNotification(file: FileResult): Notification {
  const error = file.error ?? { message: 'unknown error' };
  return {
    level: 'error',
    message: { text: error.message },
    locations: [getSarifLocation(file, error.line !== undefined ? { startLine: error.line, startColumn: error.column ?? 1 } : { startLine: 1 })],
  };
}

function getFindingResult(file: FileResult, finding: FileResult['findings'][number]): Result {
  return {
    ruleId: finding.rule,
    level: finding.severity === 'info' ? 'note' : 'warning',
    message: { text: finding.message },
    locations: [getSarifLocation(file, { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn })],
    ...(finding.hash !== undefined ? { partialFingerprints: { 'sendlastSite/v1': `${finding.rule}:${finding.hash}` } } : {}),
  };
}

/** A file that would change, with its diff as a fix. */
function getChangeResult(file: FileResult, hunks: string): Result {
  const blocks = getLineReplacements(hunks);
  const replacements: Replacement[] = blocks.map((block) => ({
    deletedRegion: getDeletedRegion(block),
    ...(block.insertedText !== '' ? { insertedContent: { text: block.insertedText } } : {}),
  }));
  return {
    ruleId: WOULD_CHANGE_RULE,
    level: 'warning',
    message: { text: describeChange(file) },
    locations: [getSarifLocation(file, { startLine: blocks[0]?.startLine ?? 1 })],
    fixes: [
      {
        description: { text: `Apply ${file.transforms.join(', ')}` },
        artifactChanges: [{ artifactLocation: { uri: toUriReference(file.path), uriBaseId: '%SRCROOT%' }, replacements }],
      },
    ],
  };
}

/**
 * The run as a SARIF 2.1.0 log: a result per finding (`warning` or `note`) and per file that
 * would change (`warning`, with a fix), rules for every rule id used, and files that could not be
 * processed as tool execution notifications.
 */
export function buildSarif(result: RunResult, options: SarifOptions): Log {
  const results: Result[] = [];
  const ruleIds = new Set<string>();
  const notifications: Notification[] = [];
  for (const file of result.files) {
    if (file.status === 'error') {
      notifications.push(getErrorNotification(file));
      continue;
    }
    for (const finding of file.findings) {
      ruleIds.add(finding.rule);
      results.push(getFindingResult(file, finding));
    }
    if (file.status === 'changed' && file.hunks !== undefined && options.mode !== 'write') {
      ruleIds.add(WOULD_CHANGE_RULE);
      results.push(getChangeResult(file, file.hunks));
    }
  }
  const rules: ReportingDescriptor[] = [...ruleIds].sort().map((id) => ({ id, shortDescription: { text: describeRule(id) } }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  for (const item of results) item.ruleIndex = ruleIndex.get(item.ruleId!);
  const cwdUri = pathToFileURL(options.cwd).href;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sendlast',
            version: options.version,
            informationUri: 'https://www.npmjs.com/package/sendlast',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

export function renderSarif(result: RunResult, options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(result, options), null, 2)}\n`;
}

/** Escape the message of a workflow command. */
export function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command (`file=...,title=...`). */
export function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(level: 'error' | 'warning' | 'notice', properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeAnnotationProperty(String(value))}`)
    .join(',');
  return `::${level} ${props}::${escapeAnnotationData(message)}`;
}

/**
 * GitHub Actions workflow commands: one annotation per finding (`warning`, or `notice` for
 * `info`), per file that would change (`warning` at its first changed line; `error` under
 * `--check`, which fails on it; none with `--write`, which made it) and per file that could not be
 * processed (`error`).
 */
export function renderGithub(result: RunResult, mode: Mode): string {
  const lines: string[] = [];
  for (const file of result.files) {
    if (file.status === 'error') {
      const error = file.error ?? { message: 'unknown error' };
      const where: Record<string, number> = error.line !== undefined ? { line: error.line, col: error.column ?? 1 } : {};
      lines.push(annotation('error', { file: file.path, ...where, title: ERROR_RULE }, error.message));
      continue;
    }
    if (file.status === 'changed' && mode !== 'write') {
      lines.push(
        annotation(mode === 'check' ? 'error' : 'warning', { file: file.path, line: firstChangedLine(file), title: WOULD_CHANGE_RULE }, describeChange(file)),
      );
    }
    for (const finding of file.findings) {
      lines.push(
        annotation(
          finding.severity === 'info' ? 'notice' : 'warning',
          {
            file: file.path,
            line: finding.line,
            col: finding.column,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
            title: finding.rule,
          },
          finding.message,
        ),
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
