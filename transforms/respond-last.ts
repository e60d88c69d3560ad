import { createJscodeshiftTransform } from './lib/jscodeshift';
import type { SourceFile } from './lib/source-file';
import type { TransformOptions, TransformResult } from './lib/types';

export function run(_file: SourceFile, _options: TransformOptions): TransformResult {
  return { sites: [], findings: [] };
}

export const definition = { name: 'respond-last', description: 'TODO', run };
export default createJscodeshiftTransform(definition);
