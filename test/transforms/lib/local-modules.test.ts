/** The project's own modules a file imports: resolution as Node and TypeScript do it, and the loader's cache. */
import * as path from 'node:path';
import { createModuleLoader, isLocalSpecifier, resolveLocalModule } from '../../../transforms/lib/local-modules';

const ROOT = path.resolve('/project');
const at = (...parts: string[]) => path.join(ROOT, ...parts);

test('isLocalSpecifier: relative paths only, never packages', () => {
  expect(['./db', '../util', '.', '..'].every(isLocalSpecifier)).toBe(true);
  expect(['express', '@google-cloud/firestore', '/abs/path', '.hidden'].some(isLocalSpecifier)).toBe(false);
});

describe('resolveLocalModule', () => {
  const files = new Set([at('lib', 'db.js'), at('lib', 'store.ts'), at('util', 'index.js'), at('data.json')]);
  const isFile = (p: string) => files.has(p);
  const from = at('index.js');
  test.each([
    ['./lib/db', at('lib', 'db.js')],
    ['./lib/db.js', at('lib', 'db.js')],
    // TypeScript sources import their siblings with the extension of the compiled output.
    ['./lib/store.js', at('lib', 'store.ts')],
    ['./util', at('util', 'index.js')],
    ['./data.json', at('data.json')],
    ['./missing', null],
    ['express', null],
  ])('%s', (specifier, expected) => {
    expect(resolveLocalModule(from, specifier, isFile)).toBe(expected);
  });
});

describe('createModuleLoader', () => {
  const sources: Record<string, string> = {
    [at('lib', 'db.js')]: 'exports.save = async (x) => x;\n',
    [at('lib', 'broken.js')]: 'exports.save = (;\n',
    [at('node_modules', 'pkg', 'index.js')]: 'module.exports = 1;\n',
  };
  const reads: string[] = [];
  const loader = createModuleLoader(
    (p) => {
      reads.push(p);
      return sources[p] ?? null;
    },
    (p) => p in sources,
  );

  test('loads a local module as a source file with its path, once', () => {
    const db = loader.load(at('index.js'), './lib/db');
    expect(db?.path).toBe(at('lib', 'db.js'));
    expect(db?.source).toBe(sources[at('lib', 'db.js')]);
    expect(loader.load(at('lib', 'other.js'), './db')).toBe(db);
    expect(reads.filter((p) => p === at('lib', 'db.js'))).toHaveLength(1);
  });

  test('a module that does not parse, a missing one, or one under node_modules is null', () => {
    expect(loader.load(at('index.js'), './lib/broken')).toBeNull();
    expect(loader.load(at('index.js'), './lib/missing')).toBeNull();
    expect(loader.load(at('index.js'), './node_modules/pkg')).toBeNull();
  });
});
