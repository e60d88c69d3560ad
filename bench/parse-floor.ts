/**
 * The parse floor: the least work any parsing codemod runner must do. Lists the source files under
 * a folder (same extensions as the corpus), then parses every file once with @babel/parser and
 * sendlast's parser settings on N worker threads (default: available cores). Prints one JSON line.
 *
 * Usage: node dist/bench/parse-floor.js [--threads N] <folder>
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SOURCE_EXTENSIONS } from './corpus';
import type { ParseWorkerData, ParseWorkerResult } from './parse-worker';

export interface ParseFloorReport {
  files: number;
  parsed: number;
  failed: string[];
  threads: number;
  durationMs: number;
}

/** Source files under `dir` (what a runner would scan), absolute paths, sorted. */
export function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const name = entry.name.toLowerCase();
    if (SOURCE_EXTENSIONS.includes(path.extname(name)) && !/\.d\.[mc]?ts$/.test(name)) {
      files.push(path.join(entry.parentPath, entry.name));
    }
  }
  return files.sort();
}

function runWorker(data: ParseWorkerData): Promise<ParseWorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'parse-worker.js'), { workerData: data });
    worker.once('message', (result: ParseWorkerResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`parse worker exited with code ${code}`));
    });
  });
}

export async function runParseFloor(dir: string, threads: number): Promise<ParseFloorReport> {
  const start = process.hrtime.bigint();
  const files = listSourceFiles(dir);
  const counter = new SharedArrayBuffer(4);
  const results = await Promise.all(Array.from({ length: threads }, () => runWorker({ files, counter })));
  return {
    files: files.length,
    parsed: results.reduce((sum, r) => sum + r.parsed, 0),
    failed: results.flatMap((r) => r.failed.map((f) => path.relative(dir, f))).sort(),
    threads,
    durationMs: Number(process.hrtime.bigint() - start) / 1e6,
  };
}

async function main(argv: string[]): Promise<void> {
  let threads = os.availableParallelism();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads') threads = Number(argv[++i]);
    else rest.push(argv[i]!);
  }
  const dir = rest[0];
  if (!dir || !Number.isInteger(threads) || threads < 1) {
    process.stderr.write('usage: parse-floor [--threads N] <folder>\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`${JSON.stringify(await runParseFloor(path.resolve(dir), threads))}\n`);
}

if (require.main === module) void main(process.argv.slice(2));
