/**
 * Runs one command and measures the whole process tree it starts:
 * - wall time: from spawn to exit (high-resolution clock);
 * - CPU time: user + system of the child and every descendant it waited for, read as the growth of
 *   this process's `cutime + cstime` in /proc/self/stat across the run (the kernel adds a reaped
 *   child's times, including its own reaped children, there); resolution one clock tick (10 ms);
 * - peak RSS: the largest sum of resident memory over the tree, sampled from /proc every
 *   `sampleMs` (descendants found through /proc/<pid>/task/<tid>/children).
 * Linux only; elsewhere CPU and RSS are reported as NaN.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface Measurement {
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  sampleMs?: number;
}

const CLOCK_TICKS_PER_SECOND = 100; // sysconf(_SC_CLK_TCK) on every Linux platform Node supports
const PAGE_SIZE = 4096;
const HAS_PROC = fs.existsSync('/proc/self/stat');

/** This process's reaped children's user + system time, in ms. */
function getChildrenCpuMs(): number {
  if (!HAS_PROC) return NaN;
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  // Fields after the parenthesised command name (which may contain spaces); cutime and cstime are
  // fields 16 and 17 of the whole line, i.e. 14th and 15th after ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * CPU time all processes on the machine spent busy so far (user, nice, system, irq, softirq,
 * steal from the `cpu` line of /proc/stat), in ms. The growth over a run, minus what the measured
 * tree and this process used, is what other processes took meanwhile.
 */
export function getSystemBusyMs(): number {
  if (!HAS_PROC) return NaN;
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) / CLOCK_TICKS_PER_SECOND;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `pid` and all its live descendants. */
function getProcessTree(pid: number): number[] {
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop()!;
    tree.push(current);
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      const children = readText(`/proc/${current}/task/${task}/children`);
      if (!children) continue;
      for (const child of children.trim().split(' ')) if (child) queue.push(Number(child));
    }
  }
  return tree;
}

/** Resident bytes of `pid` and its descendants now. */
function getTreeRssBytes(pid: number): number {
  let total = 0;
  for (const p of getProcessTree(pid)) {
    const statm = readText(`/proc/${p}/statm`);
    if (statm) total += Number(statm.split(' ')[1]) * PAGE_SIZE;
  }
  return total;
}

export function measure(command: string, args: readonly string[], options: MeasureOptions = {}): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const cpuBefore = getChildrenCpuMs();
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let peak = 0;
    const sample = () => {
      if (HAS_PROC && child.pid !== undefined) peak = Math.max(peak, getTreeRssBytes(child.pid));
    };
    const timer = setInterval(sample, options.sampleMs ?? 10);
    sample();
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      clearInterval(timer);
      resolve({
        wallMs,
        cpuMs: getChildrenCpuMs() - cpuBefore,
        peakRssBytes: HAS_PROC ? peak : NaN,
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Median and range of a list of numbers. */
export interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function getStats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, n };
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[n - 1]!, n };
}
