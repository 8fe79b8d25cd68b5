import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * One safe way to read a user's input file: regular files only (a FIFO, a device such as
 * /dev/zero or a socket is refused before a byte is read, so nothing can block or stream
 * forever), and a cap on the bytes actually read (the size a file reports is not
 * trusted: /proc files report 0). Every refusal is one {@link InputFileError} whose
 * message tells not-found, permission, folder, special file and too-large apart.
 */

/** Largest input accepted per format, bytes: generous for real files, small enough to fail fast on a wrong one. */
export const INPUT_BYTE_LIMITS = {
  /** A scenario (and each file of its `extends` chain); real ones are tens of KiB. */
  scenario: 256 * 1024,
  /** An experiment file. */
  experiment: 256 * 1024,
  /** An MSEL CSV. */
  msel: 4 * 1024 * 1024,
  /** A drill script (`drill --script`). */
  drillScript: 4 * 1024 * 1024,
  /** A drill log: one line per action. */
  drillLog: 64 * 1024 * 1024,
  /** A run trace (`run --trace`); a long run writes a few MiB. */
  trace: 256 * 1024 * 1024,
  /** A results folder's experiment.json or shard.json. */
  manifest: 16 * 1024 * 1024,
  /** A results folder's runs.jsonl (the largest a JavaScript string holds comfortably). */
  journal: 512 * 1024 * 1024,
  /** A Markdown file `schema --docs` updates in place. */
  document: 4 * 1024 * 1024,
} as const;

export type InputFileProblem = 'not_found' | 'permission' | 'directory' | 'not_regular' | 'too_large' | 'encoding' | 'unreadable';

/** An input file that cannot be read; `code` is `file.<problem>` and the message is one line naming the file. */
export class InputFileError extends Error {
  override name = 'InputFileError';
  readonly code: `file.${InputFileProblem}`;
  constructor(readonly path: string, readonly problem: InputFileProblem, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.code = `file.${problem}`;
  }
}

/** What kind of special file a stat describes, in words. */
export function specialFileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

const IS_DIRECTORY = 'is a directory, not a file';
const NOT_REGULAR = 'not a regular file; crisis-sim reads only regular files';

/** Opening without O_NONBLOCK would wait forever on a FIFO nobody writes to. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Reads a regular file's bytes, at most `maxBytes` of them (more is an error, found by reading, not by trusting the size). */
export function readInputBytes(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (cause) {
    throw fromErrno(path, cause as NodeJS.ErrnoException);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new InputFileError(path, 'directory', IS_DIRECTORY);
    if (!stats.isFile()) throw new InputFileError(path, 'not_regular', `is ${specialFileKind(stats)}, ${NOT_REGULAR}`);
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(64 * 1024, stats.size + 1)));
    for (;;) {
      const read = readChunk(path, fd, buffer);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw new InputFileError(path, 'too_large', `file is too large (more than ${maxBytes} bytes, the limit for this kind of file)`);
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function readChunk(path: string, fd: number, buffer: Buffer): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, null);
  } catch (cause) {
    throw fromErrno(path, cause as NodeJS.ErrnoException);
  }
}

/** Reads a regular file as UTF-8 text (a leading byte-order mark is dropped); invalid UTF-8 is an error. */
export function readInputText(path: string, maxBytes: number): string {
  const bytes = readInputBytes(path, maxBytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputFileError(path, 'encoding', 'is not UTF-8 text');
  }
}

/** Why a file cannot be read, by errno; anything else is `unreadable` with the code. */
const ERRNO_PROBLEMS: Readonly<Record<string, readonly [InputFileProblem, string]>> = {
  ENOENT: ['not_found', 'file not found'],
  ENOTDIR: ['not_found', 'file not found (part of the path is a file, not a folder)'],
  EACCES: ['permission', 'permission denied'],
  EPERM: ['permission', 'permission denied'],
  EISDIR: ['directory', IS_DIRECTORY],
  ENXIO: ['not_regular', `is a special file, ${NOT_REGULAR}`],
  ENODEV: ['not_regular', `is a special file, ${NOT_REGULAR}`],
  ELOOP: ['unreadable', 'too many levels of symbolic links'],
  ENAMETOOLONG: ['unreadable', 'file name too long'],
};

/** An operating-system refusal as an InputFileError. */
function fromErrno(path: string, error: NodeJS.ErrnoException): InputFileError {
  const known = error.code !== undefined && Object.hasOwn(ERRNO_PROBLEMS, error.code) ? ERRNO_PROBLEMS[error.code] : undefined;
  return known ? new InputFileError(path, known[0], known[1]) : new InputFileError(path, 'unreadable', `cannot read file (${error.code ?? error.message})`);
}
