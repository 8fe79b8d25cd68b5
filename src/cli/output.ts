import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../metrics/trace-file.js';
import { UserError } from './errors.js';

/**
 * Writes a command's output file atomically, turning file-system failures (missing
 * directory, no permission) into a one-line user error; with `overwrite` false, an
 * existing file is left alone and named in the error.
 */
export function writeOutputFile(file: string, text: string, { overwrite = true } = {}): void {
  if (!overwrite && existsSync(file)) throw new UserError(`${file} already exists; choose another file or pass --force`);
  try {
    writeFileAtomic(file, text);
  } catch (cause) {
    throw new UserError(`cannot write ${file}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'its directory does not exist' : (cause as Error).message}`);
  }
}
