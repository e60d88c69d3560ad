/** Loads an Express route whose body is `body` and finds its first post-response work. */
import { findStatementLists, getPostResponse } from '../../transforms/lib/groups';
import { createSourceFile } from '../../transforms/lib/source-file';

export const PRELUDE = `const express = require('express');\nconst app = express();\n`;

export function loadPostResponse(body: string) {
  const source = `${PRELUDE}app.get('/', async (req, res, next) => {\n${body}\n});\n`;
  const file = createSourceFile(source, 'babel');
  const handler = file.handlers[0]!;
  const list = findStatementLists(handler)[0]!;
  const found = getPostResponse(handler, list.statements);
  if (!found) throw new Error('no post-response work');
  return { source, handler, found };
}
