/**
 * Which files a run looks at: the given files, the files matching the given globs, and the files
 * under the given directories, that have a selected extension and are not ignored (.gitignore
 * files, nested ones and negations, .git/info/exclude, --ignore patterns, --include/--exclude
 * globs; node_modules and VCS folders always). Symlinks are followed only when they point inside
 * one of the given directories; loops are safe. A directory without a matching file or a glob
 * without a match is a usage error, unless the caller allows it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Ignore } from 'ignore';
import { UsageError } from '../errors';
import { findGitRepo, toPosix } from './git';

export interface FileEntry {
  /** The path as walked (absolute). */
  path: string;
  /** The real path (symlinks resolved): where the file is read and written. */
  real: string;
  /** Relative to the current directory, `/`-separated: what the user sees. */
  display: string;
}

export interface WalkNote {
  path: string;
  reason: string;
}

export interface FindFilesOptions {
  cwd: string;
  extensions: readonly string[];
  /** Gitignore-style patterns relative to `cwd`. */
  ignore: readonly string[];
  gitignore: boolean;
  /** Globs relative to `cwd`: files found under directories or by globs must match one. */
  include?: readonly string[];
  /** Globs relative to `cwd`: files found under directories or by globs must match none. */
  exclude?: readonly string[];
  /**
   * Paths read from a list (`--files-from`): a listed file is scanned when it has a selected
   * extension and no --ignore, --include or --exclude pattern rules it out (the list stands for
   * .gitignore); a listed directory is walked like a given one.
   */
  listed?: readonly string[];
  /** Fail (UsageError) when a directory, a glob or the list yields no file (default true). */
  errorOnUnmatched?: boolean;
}

export interface FindFilesResult {
  /** Sorted by display path, each real file once. */
  files: FileEntry[];
  /** Paths that were skipped for a reason a --verbose user wants to know (symlinks). */
  notes: WalkNote[];
}

/** A root that does not exist or cannot be read: a usage error. */
export class MissingPathError extends UsageError {}

/** A directory, a glob or a list that yields no file to scan: a usage error. */
export class UnmatchedPatternError extends UsageError {}

const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**', '**/.hg/**', '**/.svn/**', '**/.jj/**'];

/** Absolute paths of the files matching `patterns` (relative to `cwd`). */
function globFiles(patterns: readonly string[], cwd: string): string[] {
  const { globSync } = require('tinyglobby') as typeof import('tinyglobby');
  return globSync([...patterns], { cwd, absolute: true, onlyFiles: true, dot: true, ignore: GLOB_IGNORE, expandDirectories: false }).map((file) =>
    path.resolve(file),
  );
}

/** Does this path, which does not exist, look like a glob? */
function isGlob(text: string): boolean {
  const { isDynamicPattern } = require('tinyglobby') as typeof import('tinyglobby');
  return isDynamicPattern(text);
}

/** Never entered (nor listed, whatever they are). */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '.jj']);

interface RuleLevel {
  /** Absolute directory the patterns are relative to. */
  base: string;
  rules: Ignore;
}

const IGNORE_CASE = os.platform() === 'darwin' || os.platform() === 'win32';

/** A matcher for gitignore-style patterns (the `ignore` package, loaded when first needed). */
function createRules(patterns: string | readonly string[]): Ignore {
  const ignore = require('ignore') as typeof import('ignore');
  return ignore({ ignorecase: IGNORE_CASE }).add(typeof patterns === 'string' ? patterns : [...patterns]);
}

function readRules(file: string): Ignore | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  if (!text.trim()) return null;
  return createRules(text);
}

/**
 * Is `absolute` ignored by `levels` (lowest precedence first)? Like git, the last level with a
 * verdict wins: a deeper .gitignore can re-include (`!name`) what a shallower one excluded.
 */
function isIgnored(levels: readonly RuleLevel[], absolute: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const rel = toPosix(path.relative(level.base, absolute));
    if (!rel || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) continue;
    const verdict = level.rules.test(isDir ? `${rel}/` : rel);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/** Rule levels that apply above `dir`: info/exclude and the .gitignore files from the git root down. */
function getAncestorLevels(dir: string): RuleLevel[] {
  const repo = findGitRepo(dir);
  if (!repo) return [];
  const levels: RuleLevel[] = [];
  const exclude = readRules(path.join(repo.commonDir, 'info', 'exclude'));
  if (exclude) levels.push({ base: repo.root, rules: exclude });
  const chain: string[] = [];
  for (let current = dir; current !== repo.root && isInside(current, repo.root); ) {
    current = path.dirname(current);
    chain.unshift(current);
  }
  for (const ancestor of chain) {
    const rules = readRules(path.join(ancestor, '.gitignore'));
    if (rules) levels.push({ base: ancestor, rules });
  }
  return levels;
}

/** Is `child` equal to or inside `parent` (both absolute, normalised)? */
export function isInside(child: string, parent: string): boolean {
  if (child === parent) return true;
  const prefix = parent.endsWith(path.sep) ? parent : parent + path.sep;
  return child.startsWith(prefix);
}

export function toDisplayPath(cwd: string, absolute: string): string {
  const rel = toPosix(path.relative(cwd, absolute));
  return rel === '' ? '.' : rel;
}

/** Find the files to process under `roots` (relative to `cwd` or absolute; files, directories or globs). */
export function findFiles(roots: readonly string[], options: FindFilesOptions): FindFilesResult {
  const { cwd } = options;
  const extensions = new Set(options.extensions.map((ext) => `.${ext.toLowerCase()}`));
  const notes: WalkNote[] = [];
  const byReal = new Map<string, FileEntry>();
  const visitedDirs = new Set<string>();
  const unmatched: string[] = [];
  const errorOnUnmatched = options.errorOnUnmatched ?? true;

  type Root = { root: string; absolute: string; real: string; isDir: boolean; listed: boolean };
  const globs: string[] = [];
  const resolveRoot = (root: string, listed: boolean): Root | null => {
    const absolute = path.resolve(cwd, root);
    let stat: fs.Stats;
    let real: string;
    try {
      real = fs.realpathSync(absolute);
      stat = fs.statSync(real);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !listed && isGlob(root)) {
        globs.push(root);
        return null;
      }
      const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String(code);
      throw new MissingPathError(`${root}: ${why}`);
    }
    if (!stat.isFile() && !stat.isDirectory()) throw new MissingPathError(`${root}: not a file or directory`);
    return { root, absolute, real, isDir: stat.isDirectory(), listed };
  };
  const resolvedRoots = [
    ...roots.map((root) => resolveRoot(root, false)),
    ...(options.listed ?? []).map((root) => resolveRoot(root, true)),
  ].filter((root): root is Root => root !== null);
  if (options.listed && options.listed.length === 0 && roots.length === 0 && errorOnUnmatched) {
    throw new UnmatchedPatternError('--files-from lists no files (pass --no-error-on-unmatched-pattern to allow an empty list)');
  }

  const included = options.include && options.include.length > 0 ? new Set(globFiles(options.include, cwd)) : null;
  const excluded = options.exclude && options.exclude.length > 0 ? new Set(globFiles(options.exclude, cwd)) : null;
  /** --include and --exclude, on the path as walked. */
  const isSelected = (walked: string) => (!included || included.has(walked)) && !excluded?.has(walked);
  const realDirRoots = resolvedRoots.filter((r) => r.isDir).map((r) => r.real);
  const insideRoots = (real: string) => realDirRoots.some((root) => isInside(real, root));

  let added = 0;
  const addFile = (walked: string, real: string) => {
    added += 1;
    const entry: FileEntry = { path: walked, real, display: toDisplayPath(cwd, walked) };
    const existing = byReal.get(real);
    if (!existing || entry.display < existing.display) byReal.set(real, entry);
  };
  const hasExtension = (name: string) => {
    const dot = name.lastIndexOf('.');
    return dot > 0 && extensions.has(name.slice(dot).toLowerCase());
  };

  const cliLevel = (root: string): RuleLevel | null => {
    if (options.ignore.length === 0) return null;
    // Patterns are relative to the current directory; for a root outside it, to the root.
    const base = isInside(root, cwd) ? cwd : root;
    return { base, rules: createRules(options.ignore) };
  };

  // Directories reached through a symlink are walked last, so a file inside the roots is listed
  // under its own path rather than a symlink's whenever both are walked.
  const deferred: Array<[string, string, readonly RuleLevel[], RuleLevel | null]> = [];

  const walkDir = (dir: string, realDir: string, parentLevels: readonly RuleLevel[], cli: RuleLevel | null) => {
    if (visitedDirs.has(realDir)) return;
    visitedDirs.add(realDir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      notes.push({ path: toDisplayPath(cwd, dir), reason: `cannot read directory (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    let levels = parentLevels;
    if (options.gitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      const rules = readRules(path.join(dir, '.gitignore'));
      if (rules) levels = [...parentLevels, { base: dir, rules }];
    }
    const all = cli ? [...levels, cli] : levels;
    for (const entry of entries) {
      const name = entry.name;
      const walked = path.join(dir, name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real = path.join(realDir, name);
      const isLink = entry.isSymbolicLink();
      if (ALWAYS_SKIPPED.has(name)) continue;
      if (isLink) {
        try {
          real = fs.realpathSync(walked);
          const stat = fs.statSync(real);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          if (hasExtension(name)) notes.push({ path: toDisplayPath(cwd, walked), reason: 'broken symlink' });
          continue;
        }
        if (!insideRoots(real)) {
          if (isDir || hasExtension(name)) {
            notes.push({ path: toDisplayPath(cwd, walked), reason: 'symlink points outside the given paths' });
          }
          continue;
        }
      }
      if (isDir) {
        if (isIgnored(all, walked, true)) continue;
        if (isLink) deferred.push([walked, real, levels, cli]);
        else walkDir(walked, real, levels, cli);
      } else if (isFile) {
        if (!hasExtension(name)) continue;
        if (isIgnored(all, walked, false)) continue;
        if (!isSelected(walked)) continue;
        addFile(walked, real);
      }
    }
  };

  for (const root of resolvedRoots) {
    if (!root.isDir) {
      if (root.listed) {
        // A listed file: the list stands for .gitignore; extensions and the patterns still apply.
        const cli = cliLevel(path.dirname(root.absolute));
        if (!hasExtension(path.basename(root.absolute))) continue;
        if (cli && isIgnored([cli], root.absolute, false)) continue;
        if (!isSelected(root.absolute)) continue;
      }
      // A file named on the command line is processed whatever the ignore rules and extensions say.
      addFile(root.absolute, root.real);
      continue;
    }
    let levels = options.gitignore ? getAncestorLevels(root.absolute) : [];
    // A directory named on the command line is walked even when an ancestor .gitignore excludes it.
    if (levels.length > 0 && isIgnored(levels, root.absolute, true)) levels = [];
    walkDir(root.absolute, root.real, levels, cliLevel(root.absolute));
  }
  for (let next = deferred.shift(); next; next = deferred.shift()) walkDir(...next);
  for (const root of resolvedRoots) {
    if (!root.isDir) continue;
    const found = [...byReal.values()].some((entry) => isInside(entry.path, root.absolute) || isInside(entry.real, root.real));
    if (!found) unmatched.push(`${root.root} (no file with a selected extension that is not ignored)`);
  }

  // Globs: their matches are filtered like files found in a directory.
  const levelCache = new Map<string, RuleLevel[]>();
  /**
   * The rule levels for a file in `dir`: .git/info/exclude and the .gitignore files from the git
   * root (outside a repository: from the current directory) down to `dir`, as a walk would see them.
   */
  const levelsFor = (dir: string): RuleLevel[] => {
    const cached = levelCache.get(dir);
    if (cached) return cached;
    const repo = findGitRepo(dir);
    const top = repo?.root ?? (isInside(dir, cwd) ? cwd : dir);
    let levels: RuleLevel[];
    if (dir === top || !isInside(dir, top)) {
      levels = [];
      if (repo) {
        const exclude = readRules(path.join(repo.commonDir, 'info', 'exclude'));
        if (exclude) levels.push({ base: repo.root, rules: exclude });
      }
    } else {
      levels = [...levelsFor(path.dirname(dir))];
    }
    const own = readRules(path.join(dir, '.gitignore'));
    if (own) levels.push({ base: dir, rules: own });
    levelCache.set(dir, levels);
    return levels;
  };
  for (const pattern of globs) {
    const before = added;
    for (const walked of globFiles([pattern], cwd).sort()) {
      if (!hasExtension(path.basename(walked))) continue;
      const levels = options.gitignore ? levelsFor(path.dirname(walked)) : [];
      const cli = cliLevel(cwd);
      if (isIgnored(cli ? [...levels, cli] : levels, walked, false)) continue;
      if (!isSelected(walked)) continue;
      let real: string;
      try {
        real = fs.realpathSync(walked);
      } catch {
        continue;
      }
      addFile(walked, real);
    }
    if (added === before) unmatched.push(`"${pattern}" (no file matches this glob)`);
  }
  const listedFiles = resolvedRoots.filter((root) => root.listed && !root.isDir);
  if (listedFiles.length > 0 && !listedFiles.some((root) => byReal.has(root.real))) {
    unmatched.push(`--files-from (${listedFiles.length} listed, none with a selected extension and not excluded)`);
  }
  if (unmatched.length > 0 && errorOnUnmatched) {
    throw new UnmatchedPatternError(
      `nothing to scan in ${unmatched.join(', ')}; pass --no-error-on-unmatched-pattern to allow this`,
    );
  }

  const files = [...byReal.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, notes };
}
