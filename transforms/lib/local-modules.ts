/**
 * The project's own modules a file imports (`require('./lib/db')`, `import { x } from '../util'`),
 * parsed on demand and cached for the run, so that the inference can follow a call into a local
 * helper. Never `node_modules`: a bare specifier is a package, whose behaviour the SDK table knows
 * or nobody does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getParserForPath } from './parse';
import { createSourceFile, type ModuleLoader, type SourceFile } from './source-file';

const EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '.jsx', '.tsx'];
/** Modules kept parsed at once; past that the cache starts again (memory stays flat over large runs). */
const MAX_CACHED_MODULES = 256;
/** Larger modules are not followed: a helper module is small; a bundle is not a helper. */
const MAX_MODULE_BYTES = 512 * 1024;

export function isLocalSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/** The file a relative specifier resolves to, as Node and TypeScript resolve it, or null. */
export function resolveLocalModule(fromPath: string, specifier: string, isFile: (p: string) => boolean): string | null {
  if (!isLocalSpecifier(specifier)) return null;
  const base = path.resolve(path.dirname(fromPath), specifier);
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
  // TypeScript sources import their siblings with the extension of the compiled output.
  const jsExt = /\.(c|m)?js$/.exec(base);
  if (jsExt) {
    const stem = base.slice(0, -jsExt[0].length);
    candidates.push(`${stem}.${jsExt[1] ?? ''}ts`, `${stem}.tsx`);
  }
  return candidates.find((candidate) => isFile(candidate)) ?? null;
}

/** A loader over the real file system (or any `readFile`), caching each module for the loader's lifetime. */
export function createModuleLoader(
  readFile: (absolutePath: string) => string | null = readSmallFile,
  isFile: (absolutePath: string) => boolean = isRegularFile,
): ModuleLoader {
  const cache = new Map<string, SourceFile | null>();
  const loader: ModuleLoader = {
    load(fromPath, specifier) {
      const resolved = resolveLocalModule(fromPath, specifier, isFile);
      if (!resolved || resolved.split(path.sep).includes('node_modules')) return null;
      if (cache.has(resolved)) return cache.get(resolved)!;
      if (cache.size >= MAX_CACHED_MODULES) cache.clear();
      cache.set(resolved, null); // a cycle of imports sees the module as not followed
      let file: SourceFile | null = null;
      const source = readFile(resolved);
      if (source !== null) {
        try {
          file = createSourceFile(source, getParserForPath(resolved), { path: resolved, modules: loader });
        } catch {
          file = null;
        }
      }
      cache.set(resolved, file);
      return file;
    },
  };
  return loader;
}

function isRegularFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function readSmallFile(p: string): string | null {
  try {
    if (fs.statSync(p).size > MAX_MODULE_BYTES) return null;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}
