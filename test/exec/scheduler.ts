/**
 * The controlled world's clock and scheduler. Every asynchronous fake (a Firestore write, a fetch,
 * a file removal, a stream's data) is a *work item*: a promise of the program's own realm whose
 * settlement the scheduler chooses. The trace records when each item starts and settles, in one
 * sequence with the responses, so "work settled before the response" is a comparison of numbers.
 */

/** A policy choosing which pending item settles next, and whether it fails. */
export interface Schedule {
  name: string;
  /** Index into `pending` (oldest first) of the item to settle now. */
  pick(pending: readonly WorkItem[], step: number): number;
  /** Should this item reject? */
  rejects(item: WorkItem): boolean;
}

export const inOrder: Schedule = { name: 'in-order', pick: () => 0, rejects: () => false };
export const reverse: Schedule = { name: 'reverse', pick: (p) => p.length - 1, rejects: () => false };
export const interleaved: Schedule = {
  name: 'interleaved',
  pick: (p, step) => (step % 2 === 0 ? 0 : p.length - 1),
  rejects: () => false,
};

/** Work is named by label and occurrence, so that both versions of a program agree on "the k-th". */
export interface WorkKey {
  label: string;
  occurrence: number;
}

export function keyOf(key: WorkKey): string {
  return `${key.label}#${key.occurrence}`;
}

/** Settle in order, rejecting only the item `key`. */
export function rejecting(key: WorkKey): Schedule {
  const wanted = keyOf(key);
  return { name: `reject ${wanted}`, pick: () => 0, rejects: (item) => keyOf(item) === wanted };
}

export const BASE_SCHEDULES: readonly Schedule[] = [inOrder, reverse, interleaved];

export type TraceEvent =
  | { seq: number; time: number; kind: 'start'; key: string; lines: number[]; writes: boolean }
  | { seq: number; time: number; kind: 'settle'; key: string; ok: boolean }
  | { seq: number; time: number; kind: 'response'; status: number; body: string; headers: Record<string, string> }
  | { seq: number; time: number; kind: 'write'; chunk: string }
  | { seq: number; time: number; kind: 'headers-sent-error'; message: string }
  | { seq: number; time: number; kind: 'uncaught'; message: string }
  | { seq: number; time: number; kind: 'unhandled-rejection'; message: string }
  | { seq: number; time: number; kind: 'platform'; message: string };

export type EventInput =
  | { kind: 'start'; key: string; lines: number[]; writes: boolean }
  | { kind: 'settle'; key: string; ok: boolean }
  | { kind: 'response'; status: number; body: string; headers: Record<string, string> }
  | { kind: 'write'; chunk: string }
  | { kind: 'headers-sent-error'; message: string }
  | { kind: 'uncaught'; message: string }
  | { kind: 'unhandled-rejection'; message: string }
  | { kind: 'platform'; message: string };

export interface WorkItem extends WorkKey {
  id: number;
  /** Original source lines of the program's calls on the stack that started it, innermost first. */
  lines: number[];
  settled: boolean;
  /** Does settling it change the world's state (a write), so a response sent before may differ? */
  writes: boolean;
  resolve(): void;
  reject(): void;
}

interface Timer {
  id: number;
  time: number;
  run(): void;
}

/** The fake clock's limit: a request that has not ended by then has hung (Cloud Functions' default is 60 s). */
export const TIMEOUT_MS = 60_000;

export class Scheduler {
  readonly events: TraceEvent[] = [];
  readonly items: WorkItem[] = [];
  private readonly occurrences = new Map<string, number>();
  private readonly timers: Timer[] = [];
  private nextId = 1;
  private seq = 0;
  time = 0;
  /** The instance was stopped (a crash, `process.exit`): nothing settles or fires any more. */
  killed = false;

  constructor(
    private readonly schedule: Schedule,
    private readonly onUncaught: (error: unknown) => void,
  ) {}

  record(event: EventInput): void {
    this.events.push({ ...event, seq: this.seq++, time: this.time } as TraceEvent);
  }

  /** Start a work item; `settle(ok)` runs when the scheduler settles it. */
  start(label: string, lines: number[], writes: boolean, settle: (ok: boolean) => void): WorkItem {
    const occurrence = (this.occurrences.get(label) ?? 0) + 1;
    this.occurrences.set(label, occurrence);
    const item: WorkItem = {
      id: this.nextId++,
      label,
      occurrence,
      lines,
      writes,
      settled: false,
      resolve: () => settle(true),
      reject: () => settle(false),
    };
    this.items.push(item);
    this.record({ kind: 'start', key: keyOf(item), lines, writes });
    return item;
  }

  setTimer(delay: number, run: () => void): number {
    const id = this.nextId++;
    this.timers.push({ id, time: this.time + Math.max(0, Number(delay) || 0), run });
    return id;
  }

  clearTimer(id: unknown): void {
    const index = this.timers.findIndex((t) => t.id === id);
    if (index >= 0) this.timers.splice(index, 1);
  }

  /** Call a callback of the program as the event loop would: a throw is an uncaught exception. */
  invoke(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.onUncaught(error);
    }
  }

  /**
   * Run the world until nothing is left to do: settle pending work in the schedule's order, then
   * fire timers up to the timeout. `drain` lets the program's promise jobs run in between.
   */
  async run(drain: () => Promise<void>): Promise<void> {
    let step = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      await drain();
      if (this.killed) return;
      const pending = this.items.filter((i) => !i.settled);
      if (pending.length > 0) {
        const item = pending[this.schedule.pick(pending, step)] ?? pending[0]!;
        step += 1;
        this.time += 1;
        item.settled = true;
        const ok = !this.schedule.rejects(item);
        this.record({ kind: 'settle', key: keyOf(item), ok });
        this.invoke(() => (ok ? item.resolve() : item.reject()));
        continue;
      }
      this.timers.sort((a, b) => a.time - b.time || a.id - b.id);
      const timer = this.timers[0];
      if (!timer || timer.time > TIMEOUT_MS) return;
      this.timers.shift();
      this.time = Math.max(this.time, timer.time);
      this.invoke(timer.run);
    }
    this.record({ kind: 'platform', message: 'step limit reached' });
  }
}
