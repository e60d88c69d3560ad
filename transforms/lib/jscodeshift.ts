/**
 * Every transform is also a plain jscodeshift transform (`npx jscodeshift -t dist/transforms/<name>/index.js`):
 * same parser settings, same disable comments, the same options parsed through the same
 * declarations (`readTransformOptions`); findings go to `api.report`.
 */
import { applyEdits, getSiteEdits } from './edit/edits';
import { readTransformOptions } from './options';
import { getParserForPath, isParserName } from './parse';
import { createSourceFile, type SourceFile } from './source-file';
import type { ParserName, TransformOptions, TransformResult } from './types';

export interface JscodeshiftFile {
  path: string;
  source: string;
}

export interface JscodeshiftApi {
  report?: (message: string) => void;
}

interface Definition {
  name: string;
  run(file: SourceFile, options: TransformOptions): TransformResult;
}

/** The parser of jscodeshift's `--parser` (`babylon` is Babel), else by the file's extension. */
export function getJscodeshiftParser(filePath: string, option: unknown): ParserName {
  if (option === 'babylon') return 'babel';
  return isParserName(option) ? option : getParserForPath(filePath);
}

export function createJscodeshiftTransform(definition: Definition) {
  return function transform(file: JscodeshiftFile, api: JscodeshiftApi, options: Record<string, unknown> = {}): string {
    const parser = getJscodeshiftParser(file.path, options.parser);
    const sourceFile = createSourceFile(file.source, parser);
    const { sites, findings } = definition.run(sourceFile, readTransformOptions(options));
    for (const finding of findings) {
      api.report?.(`${file.path}:${finding.line}:${finding.column}: ${finding.message} (${definition.name})`);
    }
    return sites.length === 0 ? file.source : applyEdits(file.source, getSiteEdits(sites));
  };
}
