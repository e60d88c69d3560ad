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

/** A path given on the command line or listed by --files-from, resolved. */
interface Root {
  root: string;
  absolute: string;
  real: string;
  isDir: boolean;
  listed: boolean;
}

/**
 * The given paths and the listed ones that exist, and the given ones that do not but look like
 * globs; throws MissingPathError for any other, and UnmatchedPatternError for an empty list.
 */
function getRoots(roots: readonly string[], options: FindFilesOptions): { roots: Root[]; globs: string[] } {
  const globs: string[] = [];
  const resolveRoot = (root: string, listed: boolean): Root | null => {
    const absolute = path.resolve(options.cwd, root);
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
  const resolved = [...roots.map((root) => resolveRoot(root, false)), ...(options.listed ?? []).map((root) => resolveRoot(root, true))].filter(
    (root): root is Root => root !== null,
  );
  if (options.listed && options.listed.length === 0 && roots.length === 0 && (options.errorOnUnmatched ?? true)) {
    throw new UnmatchedPatternError('--files-from lists no files (pass --no-error-on-unmatched-pattern to allow an empty list)');
  }
  return { roots: resolved, globs };
}

/**
 * Find the files to process under `roots` (relative to `cwd` or absolute; files, directories or
 * globs). `onCount` hears how many files have been found so far, each time one more is, while the
 * walk goes on (a runner can start what a large run needs before the walk ends).
 */
export function findFiles(roots: readonly string[], options: FindFilesOptions, onCount?: (count: number) => void): FindFilesResult {
  const resolved = getRoots(roots, options);
  const finder = new FileFinder(options, resolved.roots, onCount);
  for (const root of resolved.roots) {
    if (root.isDir) finder.walkRoot(root);
    else finder.addRootFile(root);
  }
  finder.walkDeferred();
  for (const root of resolved.roots) {
    if (root.isDir && !finder.hasFileUnder(root)) finder.unmatched.push(`${root.root} (no file with a selected extension that is not ignored)`);
  }
  for (const pattern of resolved.globs) {
    if (!finder.addGlobMatches(pattern)) finder.unmatched.push(`"${pattern}" (no file matches this glob)`);
  }
  const listedFiles = resolved.roots.filter((root) => root.listed && !root.isDir);
  if (listedFiles.length > 0 && !listedFiles.some((root) => finder.has(root.real))) {
    finder.unmatched.push(`--files-from (${listedFiles.length} listed, none with a selected extension and not excluded)`);
  }
  if (finder.unmatched.length > 0 && (options.errorOnUnmatched ?? true)) {
    throw new UnmatchedPatternError(`nothing to scan in ${finder.unmatched.join(', ')}; pass --no-error-on-unmatched-pattern to allow this`);
  }
  return { files: finder.getFiles(), notes: finder.notes };
}

/** The state of one findFiles call: the files found so far (each real file once), the notes, what matched nothing. */
class FileFinder {
  readonly notes: WalkNote[] = [];
  readonly unmatched: string[] = [];
  private readonly byReal = new Map<string, FileEntry>();
  private readonly visitedDirs = new Set<string>();
  private readonly extensions: Set<string>;
  private readonly included: Set<string> | null;
  private readonly excluded: Set<string> | null;
  private readonly realDirRoots: string[];
  /**
   * Directories reached through a symlink are walked last, so a file inside the roots is listed
   * under its own path rather than a symlink's whenever both are walked.
   */
  private readonly deferred: Array<[string, string, readonly RuleLevel[], RuleLevel | null]> = [];
  private readonly levelCache = new Map<string, RuleLevel[]>();

  constructor(
    private readonly options: FindFilesOptions,
    roots: readonly Root[],
    private readonly onCount?: (count: number) => void,
  ) {
    const { include, exclude, cwd } = options;
    this.extensions = new Set(options.extensions.map((ext) => `.${ext.toLowerCase()}`));
    this.included = include && include.length > 0 ? new Set(globFiles(include, cwd)) : null;
    this.excluded = exclude && exclude.length > 0 ? new Set(globFiles(exclude, cwd)) : null;
    this.realDirRoots = roots.filter((r) => r.isDir).map((r) => r.real);
  }

  has(real: string): boolean {
    return this.byReal.has(real);
  }

  /** Found files, sorted by display path. */
  getFiles(): FileEntry[] {
    return [...this.byReal.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  }

  /** Has a file been found under this directory root (as walked or for real)? */
  hasFileUnder(root: Root): boolean {
    return [...this.byReal.values()].some((entry) => isInside(entry.path, root.absolute) || isInside(entry.real, root.real));
  }

  private addFile(walked: string, real: string): void {
    const entry: FileEntry = { path: walked, real, display: toDisplayPath(this.options.cwd, walked) };
    const existing = this.byReal.get(real);
    if (!existing || entry.display < existing.display) this.byReal.set(real, entry);
    if (!existing) this.onCount?.(this.byReal.size);
  }

  private hasExtension(name: string): boolean {
    const dot = name.lastIndexOf('.');
    return dot > 0 && this.extensions.has(name.slice(dot).toLowerCase());
  }

  /** --include and --exclude, on the path as walked. */
  private isSelected(walked: string): boolean {
    return (!this.included || this.included.has(walked)) && !this.excluded?.has(walked);
  }

  private isInsideRoots(real: string): boolean {
    return this.realDirRoots.some((root) => isInside(real, root));
  }

  /** The --ignore patterns, relative to the current directory; for a root outside it, to the root. */
  private getCliLevel(root: string): RuleLevel | null {
    if (this.options.ignore.length === 0) return null;
    const base = isInside(root, this.options.cwd) ? this.options.cwd : root;
    return { base, rules: createRules(this.options.ignore) };
  }

  /** A file named on the command line or listed. */
  addRootFile(root: Root): void {
    if (root.listed) {
      // A listed file: the list stands for .gitignore; extensions and the patterns still apply.
      const cli = this.getCliLevel(path.dirname(root.absolute));
      if (!this.hasExtension(path.basename(root.absolute))) return;
      if (cli && isIgnored([cli], root.absolute, false)) return;
      if (!this.isSelected(root.absolute)) return;
    }
    // A file named on the command line is processed whatever the ignore rules and extensions say.
    this.addFile(root.absolute, root.real);
  }

  /** A directory named on the command line or listed. */
  walkRoot(root: Root): void {
    let levels = this.options.gitignore ? getAncestorLevels(root.absolute) : [];
    // A directory named on the command line is walked even when an ancestor .gitignore excludes it.
    if (levels.length > 0 && isIgnored(levels, root.absolute, true)) levels = [];
    this.walkDir(root.absolute, root.real, levels, this.getCliLevel(root.absolute));
  }

  /** The directories reached through symlinks, once the roots are walked. */
  walkDeferred(): void {
    for (let next = this.deferred.shift(); next; next = this.deferred.shift()) this.walkDir(...next);
  }

  private walkDir(dir: string, realDir: string, parentLevels: readonly RuleLevel[], cli: RuleLevel | null): void {
    if (this.visitedDirs.has(realDir)) return;
    this.visitedDirs.add(realDir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      this.notes.push({ path: toDisplayPath(this.options.cwd, dir), reason: `cannot read directory (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    let levels = parentLevels;
    if (this.options.gitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      const rules = readRules(path.join(dir, '.gitignore'));
      if (rules) levels = [...parentLevels, { base: dir, rules }];
    }
    const all = cli ? [...levels, cli] : levels;
    for (const entry of entries) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const walked = path.join(dir, entry.name);
      const kind = this.getEntryKind(entry, walked, path.join(realDir, entry.name));
      if (!kind) continue;
      if (kind.isDir) {
        if (isIgnored(all, walked, true)) continue;
        if (kind.isLink) this.deferred.push([walked, kind.real, levels, cli]);
        else this.walkDir(walked, kind.real, levels, cli);
      } else if (kind.isFile) {
        if (!this.hasExtension(entry.name)) continue;
        if (isIgnored(all, walked, false)) continue;
        if (!this.isSelected(walked)) continue;
        this.addFile(walked, kind.real);
      }
    }
  }

  /**
   * What a directory entry is, a symlink followed: null for a broken symlink or one that points
   * outside the roots (with a note when it could have mattered).
   */
  private getEntryKind(entry: fs.Dirent, walked: string, real: string): { isDir: boolean; isFile: boolean; isLink: boolean; real: string } | null {
    if (!entry.isSymbolicLink()) return { isDir: entry.isDirectory(), isFile: entry.isFile(), isLink: false, real };
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(walked);
      stat = fs.statSync(real);
    } catch {
      if (this.hasExtension(entry.name)) this.notes.push({ path: toDisplayPath(this.options.cwd, walked), reason: 'broken symlink' });
      return null;
    }
    if (!this.isInsideRoots(real)) {
      if (stat.isDirectory() || this.hasExtension(entry.name)) {
        this.notes.push({ path: toDisplayPath(this.options.cwd, walked), reason: 'symlink points outside the given paths' });
      }
      return null;
    }
    return { isDir: stat.isDirectory(), isFile: stat.isFile(), isLink: true, real };
  }

  /** The files a glob matches, filtered like files found in a directory. False: it matched none. */
  addGlobMatches(pattern: string): boolean {
    let added = false;
    for (const walked of globFiles([pattern], this.options.cwd).sort()) {
      if (!this.hasExtension(path.basename(walked))) continue;
      const levels = this.options.gitignore ? this.getLevelsFor(path.dirname(walked)) : [];
      const cli = this.getCliLevel(this.options.cwd);
      if (isIgnored(cli ? [...levels, cli] : levels, walked, false)) continue;
      if (!this.isSelected(walked)) continue;
      let real: string;
      try {
        real = fs.realpathSync(walked);
      } catch {
        continue;
      }
      this.addFile(walked, real);
      added = true;
    }
    return added;
  }

  /**
   * The rule levels for a file in `dir`: .git/info/exclude and the .gitignore files from the git
   * root (outside a repository: from the current directory) down to `dir`, as a walk would see them.
   */
  private getLevelsFor(dir: string): RuleLevel[] {
    const cached = this.levelCache.get(dir);
    if (cached) return cached;
    const repo = findGitRepo(dir);
    const top = repo?.root ?? (isInside(dir, this.options.cwd) ? this.options.cwd : dir);
    let levels: RuleLevel[];
    if (dir === top || !isInside(dir, top)) {
      levels = [];
      if (repo) {
        const exclude = readRules(path.join(repo.commonDir, 'info', 'exclude'));
        if (exclude) levels.push({ base: repo.root, rules: exclude });
      }
    } else {
      levels = [...this.getLevelsFor(path.dirname(dir))];
    }
    const own = readRules(path.join(dir, '.gitignore'));
    if (own) levels.push({ base: dir, rules: own });
    this.levelCache.set(dir, levels);
    return levels;
  }
}
