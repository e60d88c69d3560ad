/** Does a jump leave the statements it is in? */
import type { NodePath } from '@babel/traverse';
import { leavesRoots } from '../../../transforms/lib/jumps';
import { createSourceFile, getTraverse } from '../../../transforms/lib/source-file';

/** `body` is the root, inside a loop inside a function; the jump is the first one found in it. */
function leaves(body: string): boolean {
  const file = createSourceFile(`function f() {\n  while (more()) {\n    ${body}\n  }\n}\n`, 'babel');
  let root: NodePath | undefined;
  let jump: NodePath | undefined;
  getTraverse()(file.ast, {
    WhileStatement(path) {
      root ??= (path.get('body') as NodePath).get('body.0') as NodePath;
    },
    'ReturnStatement|ThrowStatement|BreakStatement|ContinueStatement'(path) {
      jump ??= path;
    },
  });
  return leavesRoots(jump!, new Set([root!.node]));
}

test.each([
  ['if (x) return;', true],
  ['if (x) throw e;', true],
  ['try { throw e; } catch (err) { log(err); }', false],
  ['for (const d of docs) { if (d.bad) break; }', false],
  ['for (const d of docs) { if (d.bad) continue; }', false],
  ['switch (k) { case 1: break; }', false],
  ['outer: for (;;) { for (;;) { break outer; } }', false],
  // A `continue` in a `switch`, or a `break` in a plain block, goes to the loop around the root.
  ['switch (k) { case 1: continue; }', true],
  ['{ break; }', true],
])('%s leaves: %s', (body, expected) => {
  expect(leaves(body)).toBe(expected);
});
