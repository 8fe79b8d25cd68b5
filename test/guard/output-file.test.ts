import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFile, FileWriteError, writeOutputFile } from '../../src/guard/output-file.js';
import { prepareOutputFolder } from '../../src/guard/output-folder.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'crisis-sim-guard-'));
}

function refusal(write: () => unknown): string {
  try {
    write();
  } catch (error) {
    expect(error).toBeInstanceOf(FileWriteError);
    return (error as Error).message;
  }
  throw new Error('the write was not refused');
}

describe('the safe output writer', () => {
  it('writes a new file atomically and leaves no temporary file behind', () => {
    const dir = scratch();
    writeOutputFile(join(dir, 'out.txt'), 'hello');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('hello');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('refuses to replace an existing file without force, and replaces it with force', () => {
    const file = join(scratch(), 'out.txt');
    writeFileSync(file, 'earlier results');
    expect(refusal(() => writeOutputFile(file, 'new'))).toBe(`cannot write ${file}: the file already exists; pass --force to replace it, or choose another file`);
    expect(readFileSync(file, 'utf8')).toBe('earlier results');
    writeOutputFile(file, 'new', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('never replaces an input of the same command, even with force or under another name', () => {
    const dir = scratch();
    const input = join(dir, 's.yaml');
    writeFileSync(input, 'scenario');
    symlinkSync(input, join(dir, 'alias.yaml'));
    expect(refusal(() => writeOutputFile(join(dir, 'alias.yaml'), 'x', { inputs: [input], force: true }))).toMatch(/it is an input of this command/);
    expect(refusal(() => writeOutputFile(join(dir, '.', 's.yaml'), 'x', { inputs: [join(dir, 'alias.yaml')], force: true }))).toMatch(/it is an input of this command/);
    expect(readFileSync(input, 'utf8')).toBe('scenario');
  });

  it('refuses devices and folders as targets and leaves them as they were', () => {
    expect(refusal(() => writeOutputFile('/dev/full', 'x', { force: true }))).toBe('cannot write /dev/full: it is a character device; crisis-sim writes only regular files');
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
    const dir = scratch();
    expect(refusal(() => writeOutputFile(dir, 'x', { force: true }))).toMatch(/it is a folder/);
  });

  it('follows a symbolic link: the file it points to is replaced and the link stays', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'real.txt'), 'old');
    symlinkSync('real.txt', join(dir, 'link.txt'));
    writeOutputFile(join(dir, 'link.txt'), 'new', { force: true });
    expect(readlinkSync(join(dir, 'link.txt'))).toBe('real.txt');
    expect(readFileSync(join(dir, 'real.txt'), 'utf8')).toBe('new');
    symlinkSync('nowhere.txt', join(dir, 'dangling.txt'));
    expect(refusal(() => writeOutputFile(join(dir, 'dangling.txt'), 'x', { force: true }))).toMatch(/symbolic link to a missing file/);
  });

  it('names a missing folder before any work is done', () => {
    const file = join(scratch(), 'no', 'such', 'out.html');
    expect(refusal(() => checkOutputFile(file))).toBe(`cannot write ${file}: its folder does not exist`);
  });

  it('says a read-only file system is read-only (when /proc/sys is mounted read-only)', () => {
    let readOnly = false;
    try {
      writeFileSync('/proc/sys/crisis-sim-probe', 'x');
    } catch (error) {
      readOnly = (error as NodeJS.ErrnoException).code === 'EROFS';
    }
    if (!readOnly) return;
    expect(refusal(() => checkOutputFile('/proc/sys/out.txt'))).toMatch(/the file system is read-only|permission denied/);
  });
});

describe('output folders', () => {
  it('creates a missing folder, refuses a file, an input folder, and what the command does not accept', () => {
    const dir = scratch();
    prepareOutputFolder(join(dir, 'a', 'b'));
    expect(existsSync(join(dir, 'a', 'b'))).toBe(true);
    writeFileSync(join(dir, 'file'), 'x');
    expect(refusal(() => prepareOutputFolder(join(dir, 'file')))).toMatch(/it is a file, not a folder/);
    expect(refusal(() => prepareOutputFolder(join(dir, 'a'), { inputs: [join(dir, 'a', '.')] }))).toMatch(/it is an input of this command/);
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c', 'notes.txt'), 'mine');
    expect(refusal(() => prepareOutputFolder(join(dir, 'c'), { accept: (files) => (files.length > 0 ? `holds ${files.join(', ')}` : undefined) }))).toMatch(/holds notes.txt/);
  });
});
