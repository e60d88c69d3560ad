/** One parsed source text shared by the transforms: AST, traversal root, handlers and disable comments. */
import { clearTraversalCaches, createSourceFile, getProgramPath, type ModuleLoader } from '../../../transforms/lib/source-file';
import { parseSource } from '../../../transforms/lib/parse';

const HANDLER =
  "const functions = require('firebase-functions');\n// sendlast-disable-next-line send-status\nexports.h = functions.https.onRequest((req, res) => res.send(1));\n";

test('holds the text, the parser, the path and the module loader it was given', () => {
  const modules: ModuleLoader = { load: () => null };
  const file = createSourceFile(HANDLER, 'babel', { path: '/p/index.js', modules });
  expect(file).toMatchObject({ source: HANDLER, parser: 'babel', path: '/p/index.js', modules });
  expect(file.ast.type).toBe('File');
  expect(createSourceFile(HANDLER, 'babel')).toMatchObject({ path: null, modules: null });
});

test('finds the handlers and the disable comments', () => {
  const file = createSourceFile(HANDLER, 'babel');
  expect(file.handlers.map((h) => [h.kind, h.res.identifier.name])).toEqual([['firebase', 'res']]);
  expect(file.disabled.get(3)).toEqual(new Set(['send-status']));
});

test('a file in which no handler can be has none, without building the traversal root', () => {
  const file = createSourceFile('export const add = (a, b) => a + b;\n', 'babel');
  expect(file.handlers).toEqual([]);
});

test('the program path is the root of scope analysis, the same object on every access', () => {
  const file = createSourceFile(HANDLER, 'babel');
  expect(file.program.isProgram()).toBe(true);
  expect(file.program).toBe(file.program);
  expect(file.program.scope.getBinding('functions')?.kind).toBe('const');
});

test('getProgramPath works on any parsed file, also after the traversal caches are cleared', () => {
  const ast = parseSource('let a = 1;\na = 2;\n', 'babel');
  clearTraversalCaches();
  const program = getProgramPath(ast);
  expect(program.scope.getBinding('a')?.constantViolations).toHaveLength(1);
});
