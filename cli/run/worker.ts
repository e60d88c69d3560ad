/**
 * The piscina worker: takes a batch of files that passed the text pre-check in the main thread.
 * Loaded from `dist/cli/run/worker.js`. Workers only exist for large runs, which all but certainly
 * parse some file, so each loads what its role needs right away, before its first batch:
 * - `all` (the only worker): the quick check, then Babel and the transforms;
 * - `quick`: the quick check only; a file that passes it goes back to be transformed;
 * - `transform`: Babel and the transforms, for files that passed the quick check.
 */
import { workerData } from 'node:worker_threads';
import { preloadQuickCheck, preloadTransforms, quickCheckSource, transformSource, type FileResult, type ProcessOptions, type SourceText } from './process-file';

export type WorkerRole = 'all' | 'quick' | 'transform';

export interface WorkerTask {
  kind: 'quick' | 'transform';
  sources: SourceText[];
  options: ProcessOptions;
}

const role = (workerData ?? 'all') as WorkerRole;
if (role !== 'transform') preloadQuickCheck();
if (role !== 'quick') preloadTransforms();

export default function processBatch(task: WorkerTask): Array<FileResult | SourceText> {
  if (task.kind === 'quick') return task.sources.map((source) => quickCheckSource(source, task.options));
  return task.sources.map((source) => transformSource(source, task.options));
}
