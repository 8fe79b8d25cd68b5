import { accessSync, constants, lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { specialFileKind } from './input-file.js';

/**
 * One safe way to write a file the user keeps. Rules (docs/reliability.md, "Output files"):
 *
 * - Only regular files are written: a device (`/dev/full`), FIFO, socket or folder as the
 *   target is refused, never replaced.
 * - A symbolic link is followed: the file it points to is replaced and the link stays a
 *   link (a dangling link is refused).
 * - A command never overwrites one of its own inputs (same file, however it is named).
 * - An existing file is replaced only with `force` (the commands' `--force`); `inPlace`
 *   marks the commands whose job is to update a file (`msel import --into`).
 * - The content goes to a temporary sibling first and is renamed over the target, so an
 *   interrupted write never leaves half a file where a good one stood.
 */

/** A file that could not or must not be written; the message is one line naming it. */
export class FileWriteError extends Error {
  override name = 'FileWriteError';
  constructor(readonly path: string, reason: string) {
    super(`cannot write ${path}: ${reason}`);
  }
}

/** A file-system error's cause in words a user can act on. */
export function describeErrno(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return error.code ?? error.message;
  }
}

export interface OutputFileOptions {
  /** Replace an existing file (the `--force` option). */
  force?: boolean;
  /** The command's input files: the target must not be one of them. */
  inputs?: readonly string[];
  /** The command exists to update this file in place: replacing it is its job. */
  inPlace?: boolean;
}

function statOrUndefined(path: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FileWriteError(path, describeErrno(error as NodeJS.ErrnoException));
  }
}

/**
 * Checks that `path` may be written under the rules above, before any work is done (so a
 * bad `--report` path fails at the start, not after the run), and returns the path to
 * write: the target of a symbolic link, else `path` itself.
 */
export function checkOutputFile(path: string, options: OutputFileOptions = {}): string {
  const link = statOrUndefined(path, false);
  let target = path;
  let stats = link;
  if (link?.isSymbolicLink()) {
    stats = statOrUndefined(path, true);
    if (!stats) throw new FileWriteError(path, 'it is a symbolic link to a missing file; remove the link or write elsewhere');
    target = realpathSync(path);
  }
  if (stats) {
    if (stats.isDirectory()) throw new FileWriteError(path, 'it is a folder');
    if (!stats.isFile()) throw new FileWriteError(path, `it is ${specialFileKind(stats)}; crisis-sim writes only regular files`);
    if (!options.inPlace) {
      const input = options.inputs?.find((file) => sameFile(file, stats!));
      if (input !== undefined) throw new FileWriteError(path, `it is an input of this command (${input}); write the output to another file`);
      if (!options.force) throw new FileWriteError(path, 'the file already exists; pass --force to replace it, or choose another file');
    }
  }
  checkFolderWritable(path, dirname(target));
  return target;
}

/** True when `file` names the same file as `stats` (device and inode), following links. */
export function sameFile(file: string, stats: Stats): boolean {
  const other = statOrUndefined(file, true);
  return other !== undefined && other.dev === stats.dev && other.ino === stats.ino;
}

/** Refuses a target whose folder is missing, not a folder, or not writable (a read-only file system included). */
function checkFolderWritable(path: string, folder: string): void {
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new FileWriteError(path, describeErrno(error as NodeJS.ErrnoException));
  }
  const stats = statOrUndefined(folder, true);
  if (stats && !stats.isDirectory()) throw new FileWriteError(path, 'part of the path is a file, not a folder');
}

/** Checks `path` under the rules above and writes `content` there atomically. */
export function writeOutputFile(path: string, content: string | Uint8Array, options: OutputFileOptions = {}): void {
  writeFileAtomic(path, content, checkOutputFile(path, options));
}

let temporaryCount = 0;

/**
 * Writes a file atomically: to a temporary sibling (created exclusively) first, then
 * renamed over the target, so an interrupted or failed write never leaves a half-written
 * file where a good one stood. A special file or folder at the target is refused and a
 * symbolic link is followed; existing regular files are replaced (callers that must not
 * replace one use {@link writeOutputFile}). `resolved` is the path {@link checkOutputFile} returned.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, resolved?: string): void {
  const target = resolved ?? checkOutputFile(path, { force: true });
  temporaryCount += 1;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${temporaryCount}.tmp`);
  try {
    writeFileSync(temporary, content, { flag: 'wx' });
    renameSync(temporary, target);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written where the temporary file would be; nothing to clean up.
    }
    throw new FileWriteError(path, describeErrno(error as NodeJS.ErrnoException));
  }
}
