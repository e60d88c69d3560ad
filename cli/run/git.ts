/**
 * The little of git the runner needs: where a work tree starts (found on disk, no process), and
 * which files have uncommitted changes (one `git status` per work tree, only before writing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GitRepo {
  /** The work tree's top directory. */
  root: string;
  /** The directory holding `info/exclude` (the common git dir, also for linked work trees). */
  commonDir: string;
}

const cache = new Map<string, GitRepo | null>();

/** The work tree holding `dir` (an absolute directory), or null. */
export function findGitRepo(dir: string): GitRepo | null {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached;
  let found: GitRepo | null = null;
  const dotGit = path.join(dir, '.git');
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dotGit);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) {
    found = { root: dir, commonDir: dotGit };
  } else if (stat?.isFile()) {
    found = { root: dir, commonDir: readLinkedGitDir(dir, dotGit) };
  } else {
    const parent = path.dirname(dir);
    found = parent === dir ? null : findGitRepo(parent);
  }
  cache.set(dir, found);
  return found;
}

/** A `.git` file (linked work tree, submodule): `gitdir: X`, and X/commondir when present. */
function readLinkedGitDir(root: string, dotGitFile: string): string {
  try {
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGitFile, 'utf8'));
    if (!match?.[1]) return dotGitFile;
    const gitDir = path.resolve(root, match[1]);
    try {
      const common = fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim();
      return path.resolve(gitDir, common);
    } catch {
      return gitDir;
    }
  } catch {
    return dotGitFile;
  }
}

export class GitStatusError extends Error {}

/**
 * The files among `files` (absolute paths inside `repo.root`) that git reports as modified,
 * added, deleted, renamed, conflicted or untracked. Throws GitStatusError when git cannot tell.
 */
export function findUncommitted(repo: GitRepo, files: readonly string[]): string[] {
  const relative = new Map<string, string>();
  for (const file of files) relative.set(toPosix(path.relative(repo.root, file)), file);
  // Thousands of pathspecs would not fit on a command line: ask about the whole tree then.
  const pathspecs = relative.size <= 500 ? [...relative.keys()].map((rel) => `:(literal)${rel}`) : [];
  // Lazy: only --write needs a child process.
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const result = spawnSync('git', ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...pathspecs], {
    cwd: repo.root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new GitStatusError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) throw new GitStatusError(`git status failed: ${result.stderr.trim()}`);
  const dirty: string[] = [];
  const fields = result.stdout.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i];
    if (!entry || entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    const file = relative.get(entry.slice(3));
    if (file !== undefined) dirty.push(file);
    // A rename or copy is followed by its source path.
    if (xy.includes('R') || xy.includes('C')) i += 1;
  }
  return dirty;
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
