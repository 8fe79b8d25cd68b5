import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../metrics/trace-file.js';
import { UserError } from './errors.js';

/**
 * Writes a command's output file atomically; file-system failures (missing folder, no
 * permission) surface as a one-line FileWriteError. With `overwrite` false, an existing
 * file is left alone and named in the error.
 */
export function writeOutputFile(file: string, text: string, { overwrite = true } = {}): void {
  if (!overwrite && existsSync(file)) throw new UserError(`${file} already exists; choose another file or pass --force`);
  writeFileAtomic(file, text);
}
