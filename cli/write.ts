/**
 * Atomic file replacement: the new bytes go to a temporary file in the same directory, which then
 * replaces the file with one rename. Whenever the process stops, the file is either the old one
 * or the new one, never a mix. The file's mode (and owner, where allowed) is kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file is not what it was when it was read: someone else changed it. */
export class WriteConflictError extends Error {}

/**
 * Replace `file` with `data`. With `expected`, refuse (WriteConflictError) when the file's
 * current bytes are not `expected`. Creates the file when it does not exist (no `expected`).
 */
export function writeFileAtomic(file: string, data: Buffer, expected?: Buffer): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || expected) throw error;
  }
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.sendlast-tmp`);
  const fd = fs.openSync(temp, 'wx', stat ? stat.mode & 0o777 : 0o666);
  try {
    try {
      fs.writeSync(fd, data);
      if (stat) {
        // openSync's mode goes through the umask; set the exact bits (setuid, sticky included).
        fs.fchmodSync(fd, stat.mode & 0o7777);
        try {
          fs.fchownSync(fd, stat.uid, stat.gid);
        } catch {
          // Only root may give a file away; the mode is what matters.
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    // Checked as late as possible, so the window for a concurrent edit is a few microseconds.
    if (expected && !fs.readFileSync(file).equals(expected)) {
      throw new WriteConflictError('changed on disk since it was read; not written');
    }
    fs.renameSync(temp, file);
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // already renamed or never created
    }
    throw error;
  }
}
