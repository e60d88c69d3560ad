/**
 * Labelled call sites of the functions project in `project/`: a line comment `// @promise`,
 * `// @not-promise` or `// @either` names the one expression that starts on its line (the
 * expression of an expression statement, the argument of a `return`, the init of a one-declarator
 * variable declaration, each without a leading `await`; `void` too for expression statements).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NodePath } from '@babel/traverse';
import type { Comment, Expression } from '@babel/types';
import type { SourceFile } from '../../transforms/lib/source-file';

export type Label = 'promise' | 'not-promise' | 'either';

export interface LabelledSite {
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly label: Label;
  /** The labelled expression. */
  readonly path: NodePath;
  readonly source: SourceFile;
  /** The expression's source text, on one line. */
  readonly text: string;
  /** The site is in an HTTP handler's own body (not in a function nested in it). */
  readonly inHandlerBody: boolean;
}

/** A labelled line that names no site or more than one, or a comment that looks like a label but is not one. */
export interface SiteProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export const PROJECT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts'];

const LABEL = /^\s*@(promise|not-promise|either)(?=$|\s)/;
const LOOKS_LIKE_LABEL = /^\s*@(promise|not-?promise|either|unknown)/i;

/** Every project source file under `root` (absolute paths, sorted), skipping `node_modules`. */
export function findProjectFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (PROJECT_EXTENSIONS.includes(path.extname(entry.name))) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files.sort();
}

/** The label a line comment carries, null when it carries none. */
export function getLabel(comment: Comment): Label | null {
  if (comment.type !== 'CommentLine') return null;
  const match = LABEL.exec(comment.value);
  return match ? (match[1] as Label) : null;
}

/** The expression a labelled statement names: see the module comment. Null for other statements. */
export function getLabelledExpression(statement: NodePath): NodePath<Expression> | null {
  let expression: NodePath | null = null;
  if (statement.isExpressionStatement()) {
    expression = statement.get('expression');
    if (expression.isUnaryExpression({ operator: 'void' })) return expression.get('argument');
  } else if (statement.isReturnStatement()) {
    const argument = statement.get('argument');
    if (argument.node) expression = argument as NodePath;
  } else if (statement.isVariableDeclaration()) {
    const declarations = statement.get('declarations');
    if (declarations.length === 1) {
      const init = declarations[0]!.get('init');
      if (init.node) expression = init as NodePath;
    }
  }
  if (!expression) return null;
  if (expression.isAwaitExpression()) expression = expression.get('argument');
  return expression as NodePath<Expression>;
}

/** The labelled sites of one parsed file, and the labelled lines that name no site or several. */
export function collectSites(source: SourceFile, file: string): { sites: LabelledSite[]; problems: SiteProblem[] } {
  const labels = new Map<number, Label>();
  const problems: SiteProblem[] = [];
  for (const comment of source.ast.comments ?? []) {
    const line = comment.loc!.start.line;
    const label = getLabel(comment);
    if (label) {
      if (labels.has(line)) problems.push({ file, line, message: 'two labels on one line' });
      labels.set(line, label);
    } else if (comment.type === 'CommentLine' && LOOKS_LIKE_LABEL.test(comment.value)) {
      problems.push({ file, line, message: `not a label: //${comment.value}` });
    }
  }

  const found = new Map<number, NodePath<Expression>[]>();
  const visit = (statement: NodePath): void => {
    const expression = getLabelledExpression(statement);
    const line = expression?.node.loc?.start.line;
    if (!expression || line === undefined || !labels.has(line)) return;
    const list = found.get(line) ?? [];
    list.push(expression);
    found.set(line, list);
  };
  source.program.traverse({
    ExpressionStatement: visit,
    ReturnStatement: visit,
    VariableDeclaration: visit,
  });

  const sites: LabelledSite[] = [];
  for (const [line, label] of [...labels].sort((a, b) => a[0] - b[0])) {
    const expressions = found.get(line) ?? [];
    if (expressions.length !== 1) {
      const message = expressions.length === 0 ? 'no labelled expression starts on this line' : `${expressions.length} labelled expressions start on this line`;
      problems.push({ file, line, message });
      continue;
    }
    const expression = expressions[0]!;
    const { start, end } = expression.node;
    const text = source.source.slice(start!, end!).replace(/\s+/g, ' ');
    const enclosing = expression.getFunctionParent()?.node;
    const inHandlerBody = !!enclosing && source.handlers.some((handler) => handler.path.node === enclosing);
    sites.push({ file, line, label, path: expression, source, text, inHandlerBody });
  }
  return { sites, problems: problems.sort((a, b) => a.line - b.line) };
}
