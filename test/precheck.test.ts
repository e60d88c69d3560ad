/**
 * The text pre-check lets the runner skip parsing files that cannot hold an HTTP handler. It must
 * never skip one that does: checked over every fixture input and output and every example.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { getParserForPath, mightContainHandler } from '../transforms';
import { createSourceFile } from '../transforms/lib/source-file';

const ROOT = path.join(__dirname, '..');

function findSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return findSources(file);
    return /\.(?:[cm]?[jt]sx?)$/.test(entry.name) ? [file] : [];
  });
}

const files = [...findSources(path.join(ROOT, '__testfixtures__')), ...findSources(path.join(ROOT, 'examples'))];

test('there are fixtures and examples to check', () => {
  expect(files.length).toBeGreaterThan(100);
});

test.each(files.map((file) => [path.relative(ROOT, file)]))('%s: holds a handler => passes the pre-check', (relative) => {
  const source = readFileSync(path.join(ROOT, relative), 'utf8');
  const handlers = createSourceFile(source, getParserForPath(relative)).handlers;
  if (handlers.length > 0) expect(mightContainHandler(source)).toBe(true);
});
