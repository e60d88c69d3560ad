/**
 * The relation a rewrite must keep, checked per schedule between the original program's trace
 * and the rewritten program's trace (same target, same schedule):
 *
 * 1. `second-response`: the rewritten handler sends no more responses and raises no more
 *    "headers already sent" errors (ERR_HTTP_HEADERS_SENT, a write after end) than the original.
 * 2. `response-changed`: if the original responded, the rewritten one sends the same status and
 *    body. A different body with the same status is allowed only where the original responded
 *    before a write it started had settled (its response read state the work changes): that is a
 *    note, not a divergence. Under a schedule that rejects work the original only saw fail after
 *    it had responded, the rewritten one may answer an error instead (it waited for the work).
 * 3. `work-after-response`: every work item the original started (before or after its response)
 *    has settled before the rewritten handler's response, unless a finding of the transforms
 *    covers the line that started it, or a finding begins a span of statements the rewrite left
 *    as they were that reaches that line (see `isReported`). Under a rejecting schedule this applies when the rewritten
 *    handler answers success.
 * 4. `still-hangs`: if the original did not respond, the rewritten one does not hang, unless the
 *    transforms reported a finding in the file (they left the code alone and said so).
 * 5. `error-became-success`: under a rejecting schedule, where the original answered an error
 *    (or crashed), the rewritten one does not answer success.
 */
import type { Trace } from './run';
import type { TraceEvent } from './scheduler';

export interface FindingRange {
  line: number;
  endLine: number;
  message: string;
}

export interface Divergence {
  rule: 'second-response' | 'response-changed' | 'work-after-response' | 'still-hangs' | 'error-became-success';
  /** What the rule is about (a work item's key), when it is about one thing. */
  subject?: string;
  message: string;
}

type ResponseEvent = Extract<TraceEvent, { kind: 'response' }>;

function firstResponse(trace: Trace): ResponseEvent | undefined {
  return trace.events.find((e): e is ResponseEvent => e.kind === 'response');
}

function count(trace: Trace, kind: TraceEvent['kind']): number {
  return trace.events.filter((e) => e.kind === kind).length;
}

export interface Comparison {
  divergences: Divergence[];
  notes: string[];
}

/** How far (in lines) a finding may be from work it reports when the span between is left as it was. */
const REPORTED_SPAN = 5;

/**
 * Is work started from these lines (innermost first) reported? A finding covers one of them; or,
 * when `kept` (the lines the rewrite left as they were) is given, a finding at most five lines
 * away, with every line between left as it was: the transform left that group of statements
 * where it was and said so (it reports the statement that blocks the move, not each one).
 */
export function isReported(lines: readonly number[], findings: readonly FindingRange[], kept?: ReadonlySet<number>): boolean {
  if (lines.some((line) => findings.some((f) => f.line <= line && line <= f.endLine))) return true;
  const outer = lines[lines.length - 1];
  if (!kept || outer === undefined || !lines.every((l) => kept.has(l))) return false;
  return findings.some((f) => {
    if (Math.abs(f.line - outer) > REPORTED_SPAN) return false;
    for (let l = Math.min(f.line, outer); l <= Math.max(f.line, outer); l++) if (!kept.has(l)) return false;
    return true;
  });
}

export function compareTraces(
  original: Trace,
  rewritten: Trace,
  findings: readonly FindingRange[],
  rejecting: string | null,
  kept?: ReadonlySet<number>,
): Comparison {
  const divergences: Divergence[] = [];
  const notes: string[] = [];
  const o = firstResponse(original);
  const r = firstResponse(rewritten);

  // 1. No second response, no "headers already sent".
  const extraResponses = Math.max(0, count(rewritten, 'response') - 1) - Math.max(0, count(original, 'response') - 1);
  const extraErrors = count(rewritten, 'headers-sent-error') - count(original, 'headers-sent-error');
  if (extraResponses > 0 || extraErrors > 0) {
    const error = rewritten.events.find((e) => e.kind === 'headers-sent-error');
    divergences.push({
      rule: 'second-response',
      message: `the rewritten handler responds twice or sets headers after the response (${error && error.kind === 'headers-sent-error' ? error.message : 'second response'})`,
    });
  }

  // 2. Same response.
  const rejectedAfterResponse =
    rejecting !== null &&
    (() => {
      const settle = original.events.find((e) => e.kind === 'settle' && e.key === rejecting);
      return !o || !settle || settle.seq > o.seq;
    })();
  if (o) {
    if (!r) {
      divergences.push({
        rule: 'response-changed',
        message: `the original responded ${o.status} ${JSON.stringify(o.body)}; the rewritten one ${rewritten.outcome}`,
      });
    } else if (o.status !== r.status || o.body !== r.body) {
      const mayFail = rejectedAfterResponse && r.status >= 500;
      const stateRead =
        o.status === r.status &&
        original.events.some((e) => e.kind === 'start' && e.writes && original.events.some((s) => s.kind === 'settle' && s.key === e.key && s.seq > o.seq));
      if (mayFail) {
        notes.push(`answers ${r.status} where the original answered ${o.status} before ${rejecting} failed`);
      } else if (stateRead) {
        notes.push(`body ${JSON.stringify(r.body)} instead of ${JSON.stringify(o.body)}: the original responded before its writes settled`);
      } else {
        divergences.push({
          rule: 'response-changed',
          message: `the original responded ${o.status} ${JSON.stringify(o.body)}; the rewritten one ${r.status} ${JSON.stringify(r.body)}`,
        });
      }
    }
  }

  // 3. Work settles before the response.
  if (r && (rejecting === null || r.status < 400)) {
    for (const start of original.events) {
      if (start.kind !== 'start') continue;
      const settled = rewritten.events.find((e) => e.kind === 'settle' && e.key === start.key);
      if (settled && settled.seq < r.seq) continue;
      const where = start.lines.length > 0 ? ` (line ${start.lines.join(' < ')})` : '';
      const excused = isReported(start.lines, findings, kept);
      if (excused) {
        notes.push(`${start.key}${where} not settled before the response: reported by a finding`);
        continue;
      }
      divergences.push({
        rule: 'work-after-response',
        subject: start.key,
        message: `${start.key}${where} ${settled ? 'settles after' : rewritten.events.some((e) => e.kind === 'start' && e.key === start.key) ? 'has not settled by' : 'is never started before'} the rewritten handler's response`,
      });
    }
  }

  // 4. No hang where the original did not respond.
  if (!o && rewritten.outcome === 'hung') {
    if (findings.length > 0) notes.push(`hangs like the original; the transforms reported ${findings.length} finding(s)`);
    else divergences.push({ rule: 'still-hangs', message: `the original ${original.outcome}; the rewritten one hangs until the timeout` });
  }

  // 5. An error does not become a success.
  if (rejecting !== null && r && r.status < 400 && (!o ? original.outcome === 'crashed' : o.status >= 400)) {
    divergences.push({
      rule: 'error-became-success',
      message: `with ${rejecting} failing, the original ${o ? `answered ${o.status}` : 'crashed'}; the rewritten one answers ${r.status}`,
    });
  }
  return { divergences, notes };
}

/**
 * Divergences the original already has against itself (work it leaves after its own response, a
 * hang) are not caused by the rewrite: the rewrite left them as they were. They are still
 * divergences; reports tell them apart from regressions.
 */
export function isPreexisting(d: Divergence, original: Trace, findings: readonly FindingRange[], rejecting: string | null): boolean {
  return compareTraces(original, original, findings, rejecting).divergences.some((s) => s.rule === d.rule && s.subject === d.subject);
}

/** Index of the first event where two traces differ, for reports. */
export function firstDifference(a: Trace, b: Trace): number {
  const strip = (e: TraceEvent) => JSON.stringify({ ...e, seq: undefined, time: undefined, lines: undefined });
  const n = Math.max(a.events.length, b.events.length);
  for (let i = 0; i < n; i++) {
    const x = a.events[i];
    const y = b.events[i];
    if (!x || !y || strip(x) !== strip(y)) return i;
  }
  return -1;
}

export function formatTrace(trace: Trace): string {
  const lines = trace.events.map((e) => {
    const at = `#${e.seq} t=${e.time}`;
    switch (e.kind) {
      case 'start':
        return `${at} start ${e.key}${e.lines.length > 0 ? ` (line ${e.lines.join(' < ')})` : ''}`;
      case 'settle':
        return `${at} ${e.ok ? 'resolve' : 'REJECT'} ${e.key}`;
      case 'response':
        return `${at} RESPONSE ${e.status} ${JSON.stringify(e.body)}`;
      case 'write':
        return `${at} write ${JSON.stringify(e.chunk)}`;
      default:
        return `${at} ${e.kind} ${e.message}`;
    }
  });
  lines.push(`outcome: ${trace.outcome}`);
  if (Object.keys(trace.files).length > 0) lines.push(`files: ${JSON.stringify(trace.files)}`);
  return lines.map((l) => `    ${l}`).join('\n');
}
