/**
 * The piscina worker: processes a batch of files and returns their results. Loaded from
 * `dist/cli/worker.js`. Workers only exist for large runs, which all but certainly parse some
 * file, so the transforms (Babel) start loading right away, while the main thread already works.
 */
import type { FileEntry } from './files';
import { processFile, preloadTransforms, type FileResult, type ProcessOptions } from './process-file';

export interface WorkerTask {
  files: FileEntry[];
  options: ProcessOptions;
}

preloadTransforms();

export default function processBatch(task: WorkerTask): FileResult[] {
  return task.files.map((entry) => processFile(entry, task.options));
}
