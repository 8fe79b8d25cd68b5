import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mergeResults, runBatch, type Experiment } from '../../src/index.js';

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

/** Runs an experiment as one batch and as two shards merged, and expects the same files; returns the one batch's folder. */
export async function expectShardsMergeToWhole(experiment: Experiment): Promise<string> {
  const whole = temporaryDir();
  await runBatch(experiment, { outDir: whole, workers: 0 });
  const shards = [temporaryDir(), temporaryDir()];
  for (const [k, dir] of shards.entries()) await runBatch(experiment, { outDir: dir, workers: 0, shard: { index: k + 1, count: 2 } });
  const merged = temporaryDir();
  mergeResults(shards, merged);
  expect(folderContents(merged)).toEqual(folderContents(whole));
  return whole;
}
