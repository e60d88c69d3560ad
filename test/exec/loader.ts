/**
 * The execution harness's own loader: JavaScript, TypeScript, JSX and ES modules are compiled to
 * CommonJS with the `typescript` package's `transpileModule`, and the free identifiers a program
 * reads are found with Babel's scope analysis. Nothing here comes from `transforms/lib`, so a bug
 * in the transforms' shared matchers cannot hide itself from the harness.
 */
import ts from 'typescript';
import { parse } from '@babel/parser';
import traverse from '@babel/traverse';

export interface CompiledProgram {
  /** CommonJS text to run inside a module wrapper. */
  code: string;
  /** Maps a 1-based line of `code` to the 1-based line of the source it came from. */
  originalLine(generatedLine: number): number | null;
}

/** Compile `source` (named `path`, whose extension picks JSX/TS handling) to CommonJS. */
export function compile(source: string, path: string): CompiledProgram {
  const jsx = /\.(tsx|jsx|js|mjs|cjs)$/.test(path);
  const result = ts.transpileModule(source.replace(/^\uFEFF/, ''), {
    fileName: path.replace(/\.(mjs|cjs)$/, '.js').replace(/\.mts$/, '.ts'),
    reportDiagnostics: false,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      allowJs: true,
      // The automatic runtime (`react/jsx-runtime`), which needs no `React` in scope.
      jsx: jsx ? ts.JsxEmit.ReactJSX : undefined,
      sourceMap: true,
      inlineSources: false,
    },
  });
  const mapping = result.sourceMapText ? decodeLineMap(JSON.parse(result.sourceMapText) as { mappings: string }) : [];
  return {
    code: result.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''),
    originalLine: (line) => mapping[line - 1] ?? null,
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The original line of the first mapped segment of every generated line (source map v3, VLQ). */
function decodeLineMap(map: { mappings: string }): (number | null)[] {
  const lines: (number | null)[] = [];
  let sourceLine = 0;
  for (const group of map.mappings.split(';')) {
    let first: number | null = null;
    for (const segment of group.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      if (fields.length >= 4) {
        sourceLine += fields[2]!;
        if (first === null) first = sourceLine + 1;
      }
    }
    lines.push(first);
  }
  return lines;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Identifiers the program reads or writes without declaring them (Babel's program-scope globals). */
export function findFreeIdentifiers(source: string, path: string): string[] {
  const plugins: ('typescript' | 'jsx')[] = [];
  if (/\.tsx?$/.test(path)) plugins.push('typescript');
  if (!/\.ts$/.test(path)) plugins.push('jsx');
  const ast = parse(source.replace(/^\uFEFF/, ''), {
    sourceType: 'unambiguous',
    plugins,
    errorRecovery: false,
    allowReturnOutsideFunction: true,
  });
  let names: string[] = [];
  // @babel/traverse's default export differs between its CommonJS and ESM typings.
  const walk = ((traverse as unknown as { default?: typeof traverse }).default ?? traverse) as typeof traverse;
  walk(ast, {
    Program(path) {
      names = Object.keys((path.scope as unknown as { globals: Record<string, unknown> }).globals);
      path.stop();
    },
  });
  return names.sort();
}

/** Globals every program may use: the language's, Node's, and the world's fakes. */
export const KNOWN_GLOBALS: ReadonlySet<string> = new Set([
  'undefined',
  'NaN',
  'Infinity',
  'globalThis',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'BigInt',
  'Function',
  'Promise',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'JSON',
  'Math',
  'Date',
  'RegExp',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Reflect',
  'Proxy',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'Intl',
  'ArrayBuffer',
  'Uint8Array',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'AbortController',
  'structuredClone',
  'queueMicrotask',
  'console',
  'process',
  'Buffer',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'fetch',
  'arguments',
]);

/** A type annotation that names an HTTP response type: `Response`, `ServerResponse`, `ff.Response`, `express.Response`. */
function isResponseType(annotation: unknown): boolean {
  const type = (annotation as { typeAnnotation?: unknown } | null)?.typeAnnotation as
    | { type: string; typeName?: { type: string; name?: string; right?: { name: string } } }
    | undefined;
  if (!type || type.type !== 'TSTypeReference' || !type.typeName) return false;
  const name = type.typeName.type === 'Identifier' ? type.typeName.name : type.typeName.right?.name;
  return name === 'Response' || name === 'ServerResponse';
}

/**
 * TypeScript only: the exports (`rotate`, `default`) that are functions whose second parameter is
 * typed as a response (`(request: Request, reply: Response)`), whatever its name. The compiled
 * code has lost the type, so the entry finder asks the source.
 */
export function findTypedResponseExports(source: string, path: string): string[] {
  if (!/\.(c|m)?tsx?$/.test(path)) return [];
  const ast = parse(source.replace(/^\uFEFF/, ''), { sourceType: 'module', plugins: /x$/.test(path) ? ['typescript', 'jsx'] : ['typescript'] });
  type Node = { type: string; [key: string]: any };
  const typed = (fn: Node | null | undefined): boolean =>
    !!fn && /Function|ArrowFunction/.test(fn.type) && Array.isArray(fn.params) && isResponseType((fn.params[1] as Node | undefined)?.typeAnnotation);
  const locals = new Set<string>();
  for (const statement of ast.program.body as Node[]) {
    const declaration: Node = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    if (declaration.type === 'FunctionDeclaration' && declaration.id && typed(declaration)) locals.add(declaration.id.name);
    if (declaration.type === 'VariableDeclaration') {
      for (const d of declaration.declarations as Node[]) if (d.id.type === 'Identifier' && typed(d.init)) locals.add(d.id.name);
    }
  }
  const exported: string[] = [];
  for (const statement of ast.program.body as Node[]) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration as Node | null;
      if (declaration?.type === 'FunctionDeclaration' && locals.has(declaration.id?.name)) exported.push(declaration.id.name);
      if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations as Node[]) if (locals.has(d.id.name)) exported.push(d.id.name);
      for (const s of (statement.specifiers ?? []) as Node[]) {
        if (s.type === 'ExportSpecifier' && !statement.source && locals.has(s.local.name)) exported.push(s.exported.name ?? s.exported.value);
      }
    }
    if (statement.type === 'ExportDefaultDeclaration') {
      const d = statement.declaration as Node;
      if (typed(d) || (d.type === 'Identifier' && locals.has(d.name))) exported.push('default');
    }
  }
  return exported;
}
