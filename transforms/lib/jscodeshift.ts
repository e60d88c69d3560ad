/**
 * Every transform is also a plain jscodeshift transform (`npx jscodeshift -t dist/transforms/<name>/index.js`):
 * same parser settings, same disable comments; findings go to `api.report`.
 */
import { applyEdits, getSiteEdits } from './edit/edits';
import { getParserForPath, isParserName } from './parse';
import { isPlatform, PLATFORMS } from './platform';
import { validateRespondTemplate } from './edit/respond-template';
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

function getParser(filePath: string, option: unknown): ParserName {
  if (option === 'babylon') return 'babel';
  return isParserName(option) ? option : getParserForPath(filePath);
}

/**
 * `--respond` and `--platform` from jscodeshift's options, checked as the command line checks them:
 * an unusable value throws, with the command line's message.
 */
export function readTransformOptions(options: Record<string, unknown>): TransformOptions {
  const respond = typeof options.respond === 'string' ? options.respond : undefined;
  if (respond !== undefined) {
    const problem = validateRespondTemplate(respond);
    if (problem) throw new Error(problem);
  }
  const platform = options.platform;
  if (platform !== undefined && !isPlatform(platform)) {
    throw new Error(`--platform must be one of ${PLATFORMS.join(', ')} (got "${String(platform)}")`);
  }
  return { respond, platform };
}

export function createJscodeshiftTransform(definition: Definition) {
  return function transform(file: JscodeshiftFile, api: JscodeshiftApi, options: Record<string, unknown> = {}): string {
    const parser = getParser(file.path, options.parser);
    const sourceFile = createSourceFile(file.source, parser);
    const { respond, platform } = readTransformOptions(options);
    const { sites, findings } = definition.run(sourceFile, { respond, platform });
    for (const finding of findings) {
      api.report?.(`${file.path}:${finding.line}:${finding.column}: ${finding.message} (${definition.name})`);
    }
    return sites.length === 0 ? file.source : applyEdits(file.source, getSiteEdits(sites));
  };
}
