/** Atomic file replacement: all new bytes or the old file, mode kept, no temporary file left behind. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic, WriteConflictError } from '../../../cli/run/write';
import { makeTree, removeTree } from '../helpers';

describe('writeFileAtomic', () => {
  let root: string;
  beforeEach(() => {
    root = makeTree({ 'a.js': 'old\n' });
  });
  afterEach(() => removeTree(root));

  test('replaces the bytes, keeps the mode, leaves no temporary file', () => {
    const file = path.join(root, 'a.js');
    fs.chmodSync(file, 0o640);
    writeFileAtomic(file, Buffer.from('new\n'), Buffer.from('old\n'));
    expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(root)).toEqual(['a.js']);
  });

  test('refuses when the file is not what was read, and cleans up', () => {
    const file = path.join(root, 'a.js');
    expect(() => writeFileAtomic(file, Buffer.from('new\n'), Buffer.from('something else\n'))).toThrow(WriteConflictError);
    expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(root)).toEqual(['a.js']);
  });

  test('creates a file that does not exist (the patch)', () => {
    writeFileAtomic(path.join(root, 'out.patch'), Buffer.from('x'));
    expect(fs.readFileSync(path.join(root, 'out.patch'), 'utf8')).toBe('x');
  });
});
