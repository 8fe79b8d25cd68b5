import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { describeErrno, FileWriteError, sameFile } from './output-file.js';

/**
 * Output folders (`batch --out`, `merge --out`, `plot -o`): created when missing; an
 * existing one is checked by the command's own rule (`accept`) against its entries, so a
 * folder of someone else's files or of another experiment's results is never written into.
 */

export interface OutputFolderOptions {
  /** The command's input folders or files: the output folder must not be one of them. */
  inputs?: readonly string[];
  /** Why the folder's existing files (subfolders are not listed) forbid writing here, or undefined when they do not. */
  accept?: (files: readonly string[]) => string | undefined;
}

/** Makes sure `dir` is a folder the command may write into (creating it), or throws a FileWriteError. */
export function prepareOutputFolder(dir: string, options: OutputFolderOptions = {}): void {
  let stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileWriteError(dir, describeErrno(error as NodeJS.ErrnoException));
  }
  if (stats && !stats.isDirectory()) throw new FileWriteError(dir, 'it is a file, not a folder');
  if (stats) {
    const input = options.inputs?.find((file) => sameFile(file, stats));
    if (input !== undefined) throw new FileWriteError(dir, `it is an input of this command (${input}); choose another folder`);
    const files = readdirSync(dir, { withFileTypes: true }).filter((entry) => !entry.isDirectory() && !entry.name.startsWith('.'));
    const refusal = options.accept?.(files.map((entry) => entry.name));
    if (refusal !== undefined) throw new FileWriteError(dir, refusal);
    return;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new FileWriteError(dir, describeErrno(error as NodeJS.ErrnoException));
  }
}
