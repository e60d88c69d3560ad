import { createJscodeshiftTransform } from './lib/jscodeshift';
import type { SourceFile } from './lib/source-file';
import type { TransformOptions, TransformResult } from './lib/types';

export function run(_file: SourceFile, _options: TransformOptions): TransformResult {
  return { sites: [], findings: [] };
}

export const definition = { name: 'send-status', description: 'TODO', run };
export default createJscodeshiftTransform(definition);
