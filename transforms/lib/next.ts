/**
 * Next.js API routes. Their response (`NextApiResponse`: Node's `ServerResponse` plus `status`,
 * `send`, `json`, `redirect`, ...) has no `sendStatus`, nor Express 4's status-as-argument forms,
 * so the response `await-then-send` adds there is `res.status(200).end()`, and `send-status`
 * leaves them alone. An API route is an exported handler in a file under `pages/api/` or
 * `app/api/` (path segments, at any depth: `src/pages/api/users/[id].ts`), or in a file that
 * imports from `next` (`next`, `next/server`, `next/...`).
 */
import type * as t from '@babel/types';
import type { Handler } from './handlers';
import { unwrap } from './modules';

/** Is the path that of a file below a `pages/api/` or `app/api/` folder? */
export function isNextApiPath(filePath: string): boolean {
  const segments = filePath.split(/[\\/]+/);
  for (let i = 0; i + 2 < segments.length; i++) {
    if ((segments[i] === 'pages' || segments[i] === 'app') && segments[i + 1] === 'api') return true;
  }
  return false;
}

/** `next` or one of its entry points (`next/server`, `next/types`), not another package (`next-auth`). */
export function isNextModule(specifier: string): boolean {
  return specifier === 'next' || specifier.startsWith('next/');
}

function getRequired(node: t.Node | null | undefined): string | null {
  if (!node) return null;
  let current = unwrap(node);
  while (current.type === 'MemberExpression') current = unwrap(current.object);
  if (
    current.type === 'CallExpression' &&
    current.callee.type === 'Identifier' &&
    current.callee.name === 'require' &&
    current.arguments.length === 1 &&
    current.arguments[0]?.type === 'StringLiteral'
  ) {
    return current.arguments[0].value;
  }
  return null;
}

/** Does the file import (or require, at its top level) from `next`? Type-only imports count. */
export function importsNext(ast: t.File): boolean {
  for (const statement of ast.program.body) {
    switch (statement.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        if (isNextModule(statement.source.value)) return true;
        break;
      case 'ExportNamedDeclaration':
        if (statement.source && isNextModule(statement.source.value)) return true;
        break;
      case 'TSImportEqualsDeclaration':
        if (statement.moduleReference.type === 'TSExternalModuleReference' && isNextModule(statement.moduleReference.expression.value)) return true;
        break;
      case 'VariableDeclaration':
        for (const declarator of statement.declarations) {
          const required = getRequired(declarator.init);
          if (required !== null && isNextModule(required)) return true;
        }
        break;
      default:
        break;
    }
  }
  return false;
}

/** What `isNextApiFile` reads of a parsed file (a `SourceFile`). */
interface ParsedFile {
  readonly path: string | null;
  readonly ast: t.File;
}

const nextFiles = new WeakMap<ParsedFile, boolean>();

/** Is the file a Next.js API route (by its path, or by its imports)? */
export function isNextApiFile(file: ParsedFile): boolean {
  let known = nextFiles.get(file);
  if (known === undefined) {
    known = (file.path !== null && isNextApiPath(file.path)) || importsNext(file.ast);
    nextFiles.set(file, known);
  }
  return known;
}

/**
 * Is the handler a Next.js API route handler: exported (`export default function handler(req,
 * res)`) from a Next.js API route file? Handlers registered otherwise in such a file keep their
 * own response (an Express route or a Node `http` listener of a custom server that imports `next`).
 */
export function isNextApiHandler(handler: Handler, file: ParsedFile): boolean {
  return handler.kind === 'export' && isNextApiFile(file);
}
