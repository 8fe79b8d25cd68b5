import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile, loadExperimentText, runBatch, writeParquet } from '../../src/index.js';
import { expectShardsMergeToWhole, FIXTURES, folderContents, temporaryDir } from './helpers.js';

/** The small experiment (4 points x 3 replications, 240 h) with each run's series every 24 h. */
const withSeries = loadExperimentText(readFileSync(join(FIXTURES, 'small.yaml'), 'utf8').concat('series: { everyHours: "1d" }\n'), join(FIXTURES, 'series.yaml'));

function csv(text: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = text.trim().split('\n').map((line) => line.split(','));
  return { header: header!, rows };
}

describe('per-run time series in a batch', () => {
  it('writes series.csv in long form for every run, in run order, with the same metrics as a batch without it', async () => {
    const dir = temporaryDir();
    await runBatch(withSeries, { outDir: dir, workers: 2 });
    const plain = temporaryDir();
    await runBatch(loadExperimentFile(join(FIXTURES, 'small.yaml')), { outDir: plain, workers: 0 });
    // Sampling the world history does not change the run: runs.csv is the same.
    expect(folderContents(dir)['runs.csv']).toBe(folderContents(plain)['runs.csv']);

    const series = csv(folderContents(dir)['series.csv']!);
    expect(series.header).toEqual(['run', 'point', 'replication', 'seed', 'hours', 'variable', 'subject', 'value', 'unit', 'scenarioHash', 'engine', 'experimentHash', 'masterSeed']);
    const manifest = JSON.parse(folderContents(dir)['experiment.json']!);
    expect(manifest.series).toEqual({ everyHours: 24 });
    const runs = series.rows.map((row) => Number(row[0]));
    expect(runs).toEqual([...runs].sort((a, b) => a - b));
    expect(new Set(runs)).toEqual(new Set(Array.from({ length: 12 }, (_, run) => run)));
    expect(new Set(series.rows.map((row) => Number(row[4])))).toEqual(new Set([0, 24, 48, 72, 96, 120, 144, 168, 192, 216, 240]));
    // Provenance on every row; each run's last sample of units deployed is its unitsDelivered metric.
    for (const row of series.rows) expect(row.slice(-3)).toEqual([`crisis-sim ${manifest.engine.version}`, manifest.experimentHash, '7']);
    const journal = folderContents(dir)['runs.jsonl']!.trim().split('\n').map((line) => JSON.parse(line));
    for (const run of journal) {
      const usa = series.rows.filter((row) => Number(row[0]) === run.run && row[5] === 'unitsDeployed' && row[6] === 'usa').map((row) => Number(row[7]));
      expect(usa.at(-1), `run ${run.run}`).toBe(run.metrics['usa.unitsDelivered']);
      expect(run.series.hours).toHaveLength(11);
    }
    const columns = JSON.parse(folderContents(dir)['columns.json']!);
    expect(columns.files['series.csv'].map((column: { name: string }) => column.name)).toEqual(series.header);
  }, 120_000);

  it('survives resume and merge: shards and an interrupted batch give the same files', async () => {
    const whole = await expectShardsMergeToWhole(withSeries);

    const interrupted = temporaryDir();
    await runBatch(withSeries, { outDir: interrupted, workers: 0 });
    const lines = readFileSync(join(interrupted, 'runs.jsonl'), 'utf8').split('\n');
    writeFileSync(join(interrupted, 'runs.jsonl'), `${lines.slice(0, 5).join('\n')}\n${lines[5]!.slice(0, 50)}`);
    for (const file of ['summary.csv', 'differences.csv', 'sensitivity.csv', 'series.csv']) rmSync(join(interrupted, file));
    await runBatch(withSeries, { outDir: interrupted, workers: 0, resume: true });
    expect(folderContents(interrupted)).toEqual(folderContents(whole));
  }, 120_000);

  it('has a Parquet copy equal to series.csv, with provenance', async () => {
    const dir = temporaryDir();
    await runBatch(withSeries, { outDir: dir, workers: 0 });
    expect(await writeParquet(dir)).toContain(join(dir, 'series.parquet'));
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const parquet = await connection.runAndReadAll(`SELECT run::VARCHAR, hours, variable, subject, value FROM read_parquet('${join(dir, 'series.parquet')}')`);
    const rows = csv(folderContents(dir)['series.csv']!).rows;
    // Empty cells are nulls in Parquet, as in every results file: the whole crisis has no subject.
    expect(parquet.getRows()).toEqual(rows.map((row) => [row[0], Number(row[4]), row[5], row[6] === '' ? null : row[6], Number(row[7])]));
    const metadata = await connection.runAndReadAll(`SELECT value::VARCHAR FROM parquet_kv_metadata('${join(dir, 'series.parquet')}') WHERE key::VARCHAR = 'experimentHash'`);
    expect(metadata.getRows()).toEqual([[JSON.parse(folderContents(dir)['experiment.json']!).experimentHash]]);
  }, 120_000);
});
