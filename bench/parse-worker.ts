/**
 * Worker of the parse floor (parse-floor.ts): takes file indices from a shared counter until none
 * are left, reads each file and parses it once with sendlast's parser settings, and posts counts.
 */
import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { getParserForPath, parseSource } from '../transforms/lib/parse';

export interface ParseWorkerData {
  files: string[];
  counter: SharedArrayBuffer;
}

export interface ParseWorkerResult {
  parsed: number;
  failed: string[];
  bytes: number;
}

function run({ files, counter }: ParseWorkerData): ParseWorkerResult {
  const next = new Int32Array(counter);
  const result: ParseWorkerResult = { parsed: 0, failed: [], bytes: 0 };
  for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
    const file = files[index]!;
    const source = fs.readFileSync(file, 'utf8');
    result.bytes += source.length;
    try {
      parseSource(source, getParserForPath(file));
      result.parsed++;
    } catch {
      result.failed.push(file);
    }
  }
  return result;
}

parentPort?.postMessage(run(workerData as ParseWorkerData));
