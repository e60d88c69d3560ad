/**
 * Every transform in one jscodeshift transform, in canonical order on one parse, as the CLI runs
 * them (`npx jscodeshift -t dist/transforms/all.js`): the same `applyTransforms`, the same parser
 * choice by extension (or jscodeshift's `--parser`), the same disable comments, `--respond` and
 * `--platform`; each finding goes to `api.report` as `path:line:column: rule: message`.
 */
import { applyTransforms } from './index';
import { getJscodeshiftParser, type JscodeshiftApi, type JscodeshiftFile } from './lib/jscodeshift';
import { readTransformOptions } from './lib/options';

export default function transform(file: JscodeshiftFile, api: JscodeshiftApi, options: Record<string, unknown> = {}): string {
  const result = applyTransforms(file.source, {
    path: file.path,
    parser: getJscodeshiftParser(file.path, options.parser),
    transformOptions: readTransformOptions(options),
  });
  for (const finding of result.findings) {
    api.report?.(`${file.path}:${finding.line}:${finding.column}: ${finding.rule}: ${finding.message}`);
  }
  return result.output;
}
