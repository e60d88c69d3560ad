/**
 * The piscina worker: processes a batch of files and returns their results. Loaded from
 * `dist/cli/worker.js`; the transforms are loaded on the first file that passes the pre-check.
 */
import type { FileEntry } from './files';
import { processFile, type FileResult, type ProcessOptions } from './process-file';

export interface WorkerTask {
  files: FileEntry[];
  options: ProcessOptions;
}

export default function processBatch(task: WorkerTask): FileResult[] {
  return task.files.map((entry) => processFile(entry, task.options));
}
