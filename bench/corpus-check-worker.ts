/**
 * Worker of corpus-check.ts: takes file indices from a shared counter until none are left, and
 * posts one message before (so a hang can be pinned on a file) and one after checking each file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type FileOutcome } from './check-file';

export interface CheckWorkerData {
  root: string;
  files: string[];
  counter: SharedArrayBuffer;
}

export type CheckMessage = { type: 'start'; index: number } | { type: 'result'; index: number; outcome: FileOutcome };

function run({ root, files, counter }: CheckWorkerData): void {
  const port = parentPort!;
  const next = new Int32Array(counter);
  for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
    port.postMessage({ type: 'start', index } satisfies CheckMessage);
    const file = files[index]!;
    const outcome = checkFile(file, fs.readFileSync(path.join(root, file), 'utf8'));
    port.postMessage({ type: 'result', index, outcome } satisfies CheckMessage);
  }
}

run(workerData as CheckWorkerData);
