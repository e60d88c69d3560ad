/**
 * A one-handler file for unit tests of the response model: the handler, and the path of the node
 * marked by a `/*@*\/` comment just before it.
 */
import type { NodePath } from '@babel/traverse';
import type { Handler } from '../../transforms/lib/handlers';
import { createSourceFile, getTraverse } from '../../transforms/lib/source-file';

export function setupMarkedHandler(body: string): { handler: Handler; path: NodePath } {
  const source = `exports.h = async (req, res, next) => {\n${body}\n};`;
  const file = createSourceFile(source, 'babel');
  const handler = file.handlers[0]!;
  const mark = source.indexOf('/*@*/') + '/*@*/'.length;
  let found: NodePath | undefined;
  getTraverse()(file.ast, {
    enter(path) {
      if (!found && path.node.start === mark && (path.isStatement() || path.isExpression())) found = path;
    },
  });
  if (!found) throw new Error('no marked node');
  return { handler, path: found };
}
