/** Where control goes from a `return`, `throw`, `break` or `continue`: does it leave a set of statements? */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

/**
 * Would the `return`/`throw`/`break`/`continue` at `path` leave `roots` (statements it is inside)?
 * A `return` always does; a `throw` not when a `try` with a `catch` inside the roots catches it; a
 * `break`/`continue` not when its loop, `switch` (for `break`) or label is inside the roots.
 */
export function leavesRoots(path: NodePath, roots: ReadonlySet<t.Node>): boolean {
  const node = path.node;
  if (node.type === 'ReturnStatement') return true;
  let child: NodePath = path;
  let current = path.parentPath;
  while (current) {
    if (node.type === 'ThrowStatement') {
      if (current.isTryStatement() && current.node.handler && child.node === current.node.block) return false;
    } else if (node.type === 'BreakStatement' || node.type === 'ContinueStatement') {
      const label = node.label?.name;
      if (label) {
        if (current.isLabeledStatement() && current.node.label.name === label) return false;
      } else if (current.isLoop() || (node.type === 'BreakStatement' && current.isSwitchStatement())) {
        return false;
      }
    }
    if (roots.has(current.node) || current.isFunction()) break;
    child = current;
    current = current.parentPath;
  }
  return true;
}
