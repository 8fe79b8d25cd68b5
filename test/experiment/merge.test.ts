import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile, mergeResults, ResultsError, runBatch } from '../../src/index.js';
import { FIXTURES, folderContents, temporaryDir } from './helpers.js';

describe('merge', () => {
  it('leaves earlier merged results as they were, and no scratch file, when a shard is missing', async () => {
    const experiment = loadExperimentFile(join(FIXTURES, 'small.yaml'));
    const shards: string[] = [];
    for (const index of [1, 2, 3]) {
      const dir = temporaryDir();
      await runBatch(experiment, { outDir: dir, workers: 0, shard: { index, count: 3 } });
      shards.push(dir);
    }
    const merged = temporaryDir();
    mergeResults(shards, merged);
    const before = folderContents(merged);

    expect(() => mergeResults(shards.slice(0, 2), merged)).toThrow(ResultsError);
    expect(folderContents(merged)).toEqual(before);
    const fresh = join(temporaryDir(), 'not-yet');
    expect(() => mergeResults(shards.slice(1), fresh)).toThrow(/first missing: run 0/);
    expect(existsSync(fresh)).toBe(false);

    // Merging again gives the same bytes, from shards given in any order.
    mergeResults([...shards].reverse(), merged);
    expect(folderContents(merged)).toEqual(before);
    expect(readdirSync(merged).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
