/**
 * Atomic file replacement: the new bytes go to a temporary file in the same directory, which then
 * replaces the file with one rename. Whenever the process stops, the file is either the old one
 * or the new one, never a mix. The file's mode (and owner, where allowed) is kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The file is left alone on purpose, for the reason the message gives: it is not what it was when
 * it was read (someone else changed or removed it), or it is read-only.
 */
export class WriteConflictError extends Error {}

/** The file is read-only (no write bit, or no write permission for this user). */
export class ReadOnlyFileError extends WriteConflictError {}

/**
 * The file system calls writeFileAtomic makes: node:fs itself, or in tests a layer that fails
 * (disk full, EIO) or changes files at a chosen moment.
 */
export type WriteFs = Pick<
  typeof fs,
  'statSync' | 'accessSync' | 'openSync' | 'writeSync' | 'fchmodSync' | 'fchownSync' | 'closeSync' | 'readFileSync' | 'renameSync' | 'unlinkSync'
>;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Read-only even for root: no write bit at all; otherwise whatever access(2) says. */
function isWritable(fsLayer: WriteFs, file: string, stat: fs.Stats): boolean {
  if ((stat.mode & 0o222) === 0) return false;
  try {
    fsLayer.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Replace `file` with `data`. With `expected`, refuse (WriteConflictError) when the file's
 * current bytes are not `expected` or the file is gone. Refuses read-only files
 * (ReadOnlyFileError). Creates the file when it does not exist (no `expected`).
 */
export function writeFileAtomic(file: string, data: Buffer, expected?: Buffer, fsLayer: WriteFs = fs): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fsLayer.statSync(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
    if (expected) throw new WriteConflictError('removed on disk since it was read; not written');
  }
  // A rename would replace a read-only file as easily as any other: check first.
  if (stat && !isWritable(fsLayer, file, stat)) throw new ReadOnlyFileError('read-only file; not written');
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.sendlast-tmp`);
  const fd = fsLayer.openSync(temp, 'wx', stat ? stat.mode & 0o777 : 0o666);
  try {
    try {
      // writeSync may write less than asked (a disk filling up): loop until all of it is written.
      for (let written = 0; written < data.length; ) {
        const n = fsLayer.writeSync(fd, data, written, data.length - written);
        if (n <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
        written += n;
      }
      if (stat) {
        // openSync's mode goes through the umask; set the exact bits (setuid, sticky included).
        fsLayer.fchmodSync(fd, stat.mode & 0o7777);
        try {
          fsLayer.fchownSync(fd, stat.uid, stat.gid);
        } catch {
          // Only root may give a file away; the mode is what matters.
        }
      }
    } finally {
      fsLayer.closeSync(fd);
    }
    // Checked as late as possible, so the window for a concurrent edit is a few microseconds.
    if (expected) {
      let current: Buffer;
      try {
        current = fsLayer.readFileSync(file);
      } catch (error) {
        if (isMissing(error)) throw new WriteConflictError('removed on disk since it was read; not written');
        throw error;
      }
      if (!current.equals(expected)) throw new WriteConflictError('changed on disk since it was read; not written');
    }
    fsLayer.renameSync(temp, file);
  } catch (error) {
    try {
      fsLayer.unlinkSync(temp);
    } catch {
      // already renamed or never created
    }
    throw error;
  }
}
