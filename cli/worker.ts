/**
 * The piscina worker: parses and transforms a batch of files that passed the pre-check in the main
 * thread, and returns their results. Loaded from `dist/cli/worker.js`. Workers only exist for large
 * runs, which all but certainly parse some file, so the transforms (Babel) start loading right away.
 */
import { preloadTransforms, transformSource, type FileResult, type ProcessOptions, type SourceText } from './process-file';

export interface WorkerTask {
  sources: SourceText[];
  options: ProcessOptions;
}

preloadTransforms();

export default function transformBatch(task: WorkerTask): FileResult[] {
  return task.sources.map((source) => transformSource(source, task.options));
}
