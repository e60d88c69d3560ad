/**
 * The finding kinds a transform's source can report, read from its text with the `typescript`
 * parser (nothing is imported from the transforms): the kind argument of `report(node, kind, ...)`
 * and `createFinding(name, node, kind, ...)` calls, and `kind: '...'` in object literals that
 * also carry a `message` (verdicts and findings built before they are reported). A kind written
 * as a template (`return-after-response-${returned}`) is a pattern ending in `*`; a kind passed
 * through a variable is found where its literal is written.
 */
import ts from 'typescript';

function literalKinds(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return literalKinds(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...literalKinds(node.whenTrue), ...literalKinds(node.whenFalse)];
  if (ts.isTemplateExpression(node)) return [`${node.head.text}*`];
  return [];
}

/** Kinds (`returns-plain-value`, `return-after-response-*`) that `source` reports. */
export function findReportedKinds(source: string, fileName = 'transform.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const kinds = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const index = name === 'report' ? 1 : name === 'createFinding' ? 2 : -1;
      const argument = index >= 0 ? node.arguments[index] : undefined;
      if (argument) for (const kind of literalKinds(argument)) kinds.add(kind);
    }
    if (ts.isObjectLiteralExpression(node)) {
      const property = (key: string) =>
        node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key);
      const kind = property('kind');
      if (kind && node.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'message')) {
        for (const k of literalKinds(kind.initializer)) kinds.add(k);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...kinds].sort();
}

/** Does the rule id `rule` (`respond-last/return-after-response-value`) match `pattern` (a rule id, possibly ending in `*`)? */
export function matchesRule(rule: string, pattern: string): boolean {
  return pattern.endsWith('*') ? rule.startsWith(pattern.slice(0, -1)) : rule === pattern;
}
