import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile, mergeResults, runBatch, writeParquet } from '../../src/index.js';
import { FIXTURES, temporaryDir } from './helpers.js';

describe('Parquet parts of shards', () => {
  it('are queried together by DuckDB without a merge, giving exactly the rows of the merged results', async () => {
    const experiment = loadExperimentFile(join(FIXTURES, 'small.yaml'));
    const results = temporaryDir();
    const shards = [1, 2, 3].map((index) => join(results, `shard-${index}`));
    for (const [k, dir] of shards.entries()) {
      mkdirSync(dir);
      await runBatch(experiment, { outDir: dir, workers: 0, shard: { index: k + 1, count: 3 } });
      await writeParquet(dir);
    }
    const merged = temporaryDir();
    mergeResults(shards, merged);
    await writeParquet(merged);

    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRows().map((row) => row.map(String));
    // The query docs/experiments.md shows: every shard's part at once, through a glob.
    const parts = await rows(`SELECT * FROM read_parquet('${results}/shard-*/runs.parquet') ORDER BY run`);
    expect(parts).toHaveLength(12);
    expect(parts).toEqual(await rows(`SELECT * FROM read_parquet('${merged}/runs.parquet') ORDER BY run`));
    // Rounded: the parts and the merged file are summed in a different row order, so the last bits of an average can differ.
    const byArm = `SELECT protocol, count(*), round(avg(firstResponseHours), 6) FROM read_parquet('%s') GROUP BY protocol ORDER BY protocol`;
    expect(await rows(byArm.replace('%s', `${results}/shard-*/runs.parquet`))).toEqual(await rows(byArm.replace('%s', `${merged}/runs.parquet`)));
  });
});
