/** Positions and messages shared by the transforms' findings and sites. */
import type * as t from '@babel/types';
import { isDisabled, type DisabledLines } from './disable';
import type { Finding, Severity } from './types';

/** 1-based line and column of a node's start. */
export function getPosition(node: t.Node): { line: number; column: number } {
  return { line: node.loc!.start.line, column: node.loc!.start.column + 1 };
}

/** Reported when a transform makes an Express route handler async. */
export const EXPRESS_ASYNC_MESSAGE =
  'made an Express route handler async: Express 4 does not catch rejected promises of route handlers; check that errors still reach error-handling middleware (Express 5 does this itself)';

/** A node's source on one line, in backquotes, shortened to `max` characters: for messages. */
export function quoteSource(source: string, node: t.Node, max = 40): string {
  const text = source.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ');
  return `\`${text.length > max ? `${text.slice(0, max - 3)}...` : text}\``;
}

/** 1-based line and column just past a node's end. */
export function getEndPosition(node: t.Node): { endLine: number; endColumn: number } {
  return { endLine: node.loc!.end.line, endColumn: node.loc!.end.column + 1 };
}

/** A finding about `node`: `kind` completes the rule id `<transform>/<kind>`. */
export function createFinding(transform: string, node: t.Node, kind: string, message: string, severity: Severity = 'warning'): Finding {
  return { transform, rule: `${transform}/${kind}`, severity, ...getPosition(node), ...getEndPosition(node), message };
}

/** Adds a finding about `node` (of rule `<transform>/<kind>`), unless a disable comment covers its line. */
export type Reporter = (node: t.Node, kind: string, message: string, severity?: Severity) => void;

/** A `report(node, kind, message)` that adds a finding unless a disable comment covers the node's line. */
export function createReporter(disabled: DisabledLines, transform: string, findings: Finding[]): Reporter {
  return (node: t.Node, kind: string, message: string, severity: Severity = 'warning'): void => {
    if (!isDisabled(disabled, node.loc!.start.line, transform)) findings.push(createFinding(transform, node, kind, message, severity));
  };
}
