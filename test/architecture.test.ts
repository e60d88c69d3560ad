/**
 * The architecture, checked on the source: which module may import which.
 *
 * - No import cycles among the modules under `cli/` and `transforms/`. Every relative reference
 *   counts: `import` (type-only imports too: a type still ties two modules' definitions together,
 *   and a cycle through types is one refactoring away from a cycle at run time), `export ... from`,
 *   `require('./x')`, `import('./x')` and `import('./x').T` in type positions.
 * - Layers: `transforms/**` never imports `cli/**`; `transforms/lib/**` (the shared vocabulary)
 *   never imports a transform or the registry; a transform never imports another transform; in
 *   `cli/`, `run/` never imports `output/` or `interactive/`, and `output/` never imports
 *   `interactive/`.
 * - Only `cli/main.ts` uses the `process` global among the command line's files, and no transform
 *   uses it: the rest get argv, directory, environment and streams passed in.
 * - test/ mirrors the source: every module of `transforms/lib/` has its own unit test file at the
 *   same path under `test/`, and every test file under `test/cli/` and `test/transforms/` names a
 *   module or folder that exists (`main.faults.test.ts` tests `main.ts`, `filters.test.ts` the
 *   `filters/` folder as a whole).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const LAYERS = ['cli', 'transforms'];

function listSources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return listSources(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [rel] : [];
  });
}

interface Parsed {
  /** Relative specifiers this file references, in source order. */
  specifiers: string[];
  /** Does the file use the `process` global (not a property or declaration named `process`)? */
  usesProcess: boolean;
}

function parseFile(file: string): Parsed {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  let usesProcess = false;
  const addSpecifier = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node) && node.text.startsWith('.')) specifiers.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) addSpecifier(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      addSpecifier(node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        addSpecifier(node.arguments[0]);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      addSpecifier(node.argument.literal);
    } else if (ts.isIdentifier(node) && node.text === 'process' && isGlobalReference(node)) {
      usesProcess = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, usesProcess };
}

/** An identifier in expression position that is not a property name, a declaration or a key. */
function isGlobalReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return false;
  return true;
}

/** The repository-relative file a relative specifier from `from` resolves to, as Node resolves it. */
function resolve(from: string, specifier: string): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return null;
}

const FILES = LAYERS.flatMap(listSources).sort();
const PARSED = new Map(FILES.map((file) => [file, parseFile(file)]));
/** file -> the files it imports, within `cli/` and `transforms/`. */
const GRAPH = new Map(
  FILES.map((file) => [
    file,
    [
      ...new Set(
        PARSED.get(file)!
          .specifiers.map((specifier) => resolve(file, specifier))
          .filter((target): target is string => target !== null),
      ),
    ],
  ]),
);

/**
 * The cycles a depth-first search closes (one per back edge, each printed once as `a -> b -> a`):
 * empty exactly when the graph has no cycle.
 */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'active');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'active') {
        const cycle = stack.slice(stack.indexOf(target));
        // Start each cycle at its smallest file so that the same cycle prints the same way.
        const first = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
        cycles.add([...rotated, rotated[0]].join(' -> '));
      } else if (!state.has(target)) {
        visit(target);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return [...cycles].sort();
}

function findImports(from: (file: string) => boolean, to: (file: string) => boolean): string[] {
  return [...GRAPH].flatMap(([file, targets]) => (from(file) ? targets.filter(to).map((target) => `${file} -> ${target}`) : []));
}

const isTransformsLib = (file: string) => file.startsWith('transforms/lib/');
/** The transform a file belongs to (`transforms/<name>/...`), or null. */
const getTransform = (file: string) => /^transforms\/(?!lib\/)([^/]+)\//.exec(file)?.[1] ?? null;

test('the import graph reads every source file and resolves its relative imports', () => {
  expect(FILES).toEqual(expect.arrayContaining(['cli/main.ts', 'transforms/index.ts', 'transforms/lib/handlers.ts']));
  expect(GRAPH.get('transforms/lib/responses.ts')).toEqual(expect.arrayContaining(['transforms/lib/handlers.ts']));
  // Unresolved relative imports would hide edges: every one must resolve to a file.
  const unresolved = FILES.flatMap((file) =>
    PARSED.get(file)!
      .specifiers.filter((specifier) => resolve(file, specifier) === null)
      .map((specifier) => `${file}: ${specifier}`),
  );
  expect(unresolved).toEqual([]);
});

test('the cycle finder reports a cycle it is given', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a', 'd']],
    ['d', []],
  ]);
  expect(findCycles(graph)).toEqual(['a -> b -> c -> a']);
});

test('no import cycles among the modules of cli/ and transforms/ (type-only imports included)', () => {
  expect(findCycles(GRAPH)).toEqual([]);
});

test('transforms never import the command line', () => {
  expect(
    findImports(
      (file) => file.startsWith('transforms/'),
      (file) => file.startsWith('cli/'),
    ),
  ).toEqual([]);
});

test('transforms/lib never imports a transform or the registry', () => {
  expect(findImports(isTransformsLib, (file) => file.startsWith('transforms/') && !isTransformsLib(file))).toEqual([]);
});

test('a transform never imports another transform', () => {
  expect(
    findImports(
      (file) => getTransform(file) !== null,
      (file) => file.startsWith('transforms/') && !isTransformsLib(file),
    ).filter((edge) => {
      const [from, to] = edge.split(' -> ') as [string, string];
      return getTransform(from) !== getTransform(to);
    }),
  ).toEqual([]);
});

test('cli layers: run/ below output/ below interactive/', () => {
  expect(
    findImports(
      (file) => file.startsWith('cli/run/'),
      (file) => file.startsWith('cli/output/') || file.startsWith('cli/interactive/'),
    ),
  ).toEqual([]);
  expect(
    findImports(
      (file) => file.startsWith('cli/output/'),
      (file) => file.startsWith('cli/interactive/'),
    ),
  ).toEqual([]);
});

test('only cli/main.ts uses the process global; no transform does', () => {
  expect(FILES.filter((file) => PARSED.get(file)!.usesProcess)).toEqual(['cli/main.ts']);
});

test('every module of transforms/lib has a unit test file at the same path under test/', () => {
  const missing = FILES.filter(isTransformsLib)
    .map((file) => `test/${file.replace(/\.ts$/, '.test.ts')}`)
    .filter((test) => !fs.existsSync(path.join(ROOT, test)));
  expect(missing).toEqual([]);
});

test('every test file under test/cli and test/transforms names a source module or folder', () => {
  const list = (dir: string): string[] =>
    fs
      .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
      .flatMap((entry) => (entry.isDirectory() ? list(`${dir}/${entry.name}`) : entry.name.endsWith('.test.ts') ? [`${dir}/${entry.name}`] : []));
  const tests = ['test/cli', 'test/transforms'].flatMap(list);
  expect(tests.length).toBeGreaterThan(30);
  const orphans = tests.filter((test) => {
    // `main.faults.test.ts` -> `main`: the part before the first dot names the module.
    const base = path.posix.join(path.posix.dirname(test).replace(/^test\//, ''), path.posix.basename(test).split('.')[0]!);
    return !fs.existsSync(path.join(ROOT, `${base}.ts`)) && !fs.existsSync(path.join(ROOT, base));
  });
  expect(orphans).toEqual([]);
});
