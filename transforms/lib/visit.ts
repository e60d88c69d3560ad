/** Walking a set of paths with one callback, for checks that look for one kind of node under several statements. */
import type { NodePath } from '@babel/traverse';

/** Visit every path under `paths` (and the paths themselves), nested functions included unless `skipFunctions`. */
export function visitPaths(paths: readonly NodePath[], skipFunctions: boolean, callback: (path: NodePath) => boolean | void): void {
  let stopped = false;
  for (const root of paths) {
    if (stopped) return;
    if (callback(root) === true) return;
    root.traverse({
      enter(path) {
        if (stopped) return path.stop();
        if (callback(path) === true) {
          stopped = true;
          path.stop();
          return;
        }
        if (skipFunctions && path.isFunction()) path.skip();
      },
    });
  }
}
