/**
 * The filters that let the runner skip work must never skip a file that holds a handler: the text
 * pre-check (`mightContainHandler`, skips parsing), the quick check (`mayHaveHandlersQuick`, a fast
 * parse that skips Babel) and the plain AST walk (`mayHaveHandlers`, skips the scope analysis).
 * Checked against `findHandlers` run without them, over every fixture input and output and every
 * example, and on shapes that each rule of the filters covers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getParserForPath, mightContainHandler } from '../../../transforms';
import { findHandlers } from '../../../transforms/lib/handlers';
import { mayHaveHandlers } from '../../../transforms/lib/filters/candidates';
import { mayHaveHandlersQuick } from '../../../transforms/lib/filters/quick-check';
import { parseSource } from '../../../transforms/lib/parse';
import { createSourceFile, getProgramPath } from '../../../transforms/lib/source-file';
import type { ParserName } from '../../../transforms/lib/types';

const ROOT = path.join(__dirname, '..', '..', '..');

function findSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return findSources(file);
    return /\.(?:[cm]?[jt]sx?)$/.test(entry.name) ? [file] : [];
  });
}

/** Handlers as `findHandlers` finds them on its own, with no filter in front. */
function findAllHandlers(source: string, parser: ParserName) {
  return findHandlers(getProgramPath(parseSource(source, parser)));
}

const files = [...findSources(path.join(ROOT, '__testfixtures__')), ...findSources(path.join(ROOT, 'examples'))];

test('there are fixtures and examples to check, most of them with a handler', () => {
  expect(files.length).toBeGreaterThan(100);
  const withHandler = files.filter((file) => findAllHandlers(readFileSync(file, 'utf8'), getParserForPath(file)).length > 0);
  expect(withHandler.length).toBeGreaterThan(files.length / 2);
});

test.each(files.map((file) => [path.relative(ROOT, file)]))('%s: holds a handler => passes every filter', (relative) => {
  const source = readFileSync(path.join(ROOT, relative), 'utf8');
  const parser = getParserForPath(relative);
  const handlers = findAllHandlers(source, parser);
  if (handlers.length === 0) return;
  expect(mightContainHandler(source)).toBe(true);
  expect(mayHaveHandlersQuick(source, parser)).toBe(true);
  expect(mayHaveHandlers(parseSource(source, parser))).toBe(true);
  expect(createSourceFile(source, parser).handlers.map((h) => h.path.node.start)).toEqual(handlers.map((h) => h.path.node.start));
});
