import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { TraceEntry } from './trace.js';

/** A file the user asked for could not be written (missing folder, no permission, full disk). */
export class FileWriteError extends Error {
  override name = 'FileWriteError';
  constructor(readonly path: string, cause: NodeJS.ErrnoException) {
    super(`cannot write ${path}: ${describeErrno(cause)}`);
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
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EEXIST':
      return 'a file of that name is in the way';
    default:
      return error.code ?? error.message;
  }
}

/**
 * Writes a file atomically: to a temporary sibling first, then renamed over the target,
 * so an interrupted or failed write never leaves a half-written file where a good one stood.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written where the temporary file would be; nothing to clean up.
    }
    throw new FileWriteError(path, error as NodeJS.ErrnoException);
  }
}

/**
 * A trace as JSON Lines: a `header` line (provenance and the scenario as loaded), one
 * line per entry, and a `summary` line with the run's results.
 */
export function traceToJsonl(header: Record<string, unknown>, entries: readonly TraceEntry[], summary: Record<string, unknown>): string {
  const lines = [JSON.stringify({ type: 'header', ...header })];
  for (const entry of entries) lines.push(JSON.stringify({ type: 'event', ...entry }));
  lines.push(JSON.stringify({ type: 'summary', ...summary }));
  return `${lines.join('\n')}\n`;
}
