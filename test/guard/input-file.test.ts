import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, readInputBytes, readInputText } from '../../src/guard/input-file.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'crisis-sim-guard-'));
}

function refusal(read: () => unknown): InputFileError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    return error as InputFileError;
  }
  throw new Error('the read was not refused');
}

describe('the safe input reader', () => {
  it('reads a regular file and drops a UTF-8 byte-order mark', () => {
    const file = join(scratch(), 'a.txt');
    writeFileSync(file, '\ufeffhello');
    expect(readInputText(file, 100)).toBe('hello');
  });

  it('tells not found, directory and special files apart, each in one line naming the file', () => {
    const dir = scratch();
    expect(refusal(() => readInputBytes(join(dir, 'missing.yaml'), 100))).toMatchObject({ code: 'file.not_found', message: `${join(dir, 'missing.yaml')}: file not found` });
    expect(refusal(() => readInputBytes(dir, 100)).code).toBe('file.directory');
    const zero = refusal(() => readInputBytes('/dev/zero', 100));
    expect(zero.code).toBe('file.not_regular');
    expect(zero.message).toBe('/dev/zero: is a character device, not a regular file; crisis-sim reads only regular files');
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = join(scratch(), 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0 || !existsSync(fifo)) return expect.fail('mkfifo is needed for this test');
    expect(refusal(() => readInputBytes(fifo, 100))).toMatchObject({ code: 'file.not_regular', reason: expect.stringContaining('named pipe (FIFO)') });
  });

  it('caps the bytes actually read, whatever size the file reports', () => {
    const file = join(scratch(), 'big.txt');
    writeFileSync(file, 'x'.repeat(101));
    expect(refusal(() => readInputBytes(file, 100)).code).toBe('file.too_large');
    expect(readInputBytes(file, 101)).toHaveLength(101);
    // /proc files report size 0 and have content: the cap holds on what is read.
    expect(refusal(() => readInputBytes('/proc/self/status', 10)).code).toBe('file.too_large');
  });

  it('says permission denied for an unreadable file (when not running as root)', () => {
    if (process.getuid?.() === 0) return;
    const file = join(scratch(), 'secret.txt');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    expect(refusal(() => readInputBytes(file, 100))).toMatchObject({ code: 'file.permission', reason: 'permission denied' });
  });

  it('refuses text that is not UTF-8', () => {
    const file = join(scratch(), 'latin1.txt');
    writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(refusal(() => readInputText(file, 100)).code).toBe('file.encoding');
  });
});
