import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder for one test's results. */
export function temporaryDir(prefix = 'crisis-sim-batch-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file of a results folder, name -> content, for byte-for-byte comparison. */
export function folderContents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

/** Experiment fixtures live here so their scenario paths resolve. */
export const FIXTURES = 'test/experiment/fixtures';
