import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawTextSql } from '../../src/experiment/parquet.js';
import { guardCsvText } from '../../src/guard/csv.js';
import { loadExperimentFile, loadExperimentText, runBatch, writeParquet } from '../../src/index.js';
import { FIXTURES, temporaryDir } from './helpers.js';

/** Rows of a CSV written by the batch (RFC 4180; these files have no quoted cells). */
function csvRows(file: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(','));
  return { header: header!, rows };
}

/** A CSV cell as DuckDB should give it back from Parquet. */
function expected(cell: string, type: string): unknown {
  if (cell === '') return null;
  if (type === 'BOOLEAN') return cell === 'true';
  if (type === 'BIGINT') return BigInt(cell);
  if (type === 'DOUBLE') return Number(cell);
  return cell;
}

describe('Parquet beside CSV', () => {
  it('reads back through DuckDB equal to the CSV files, typed, with provenance metadata', async () => {
    const dir = temporaryDir();
    await runBatch(loadExperimentFile(join(FIXTURES, 'small.yaml')), { outDir: dir, workers: 0 });
    const written = await writeParquet(dir);
    expect(written.map((file) => file.slice(dir.length + 1))).toEqual(['runs.parquet', 'summary.parquet', 'differences.parquet', 'sensitivity.parquet']);
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const manifest = JSON.parse(readFileSync(join(dir, 'experiment.json'), 'utf8'));
    for (const name of ['runs', 'summary', 'differences', 'sensitivity']) {
      const csv = csvRows(join(dir, `${name}.csv`));
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${join(dir, `${name}.parquet`)}')`);
      expect(reader.columnNames(), name).toEqual(csv.header);
      const types = reader.columnTypes().map((type) => type.toString());
      expect(reader.getRows().map((row) => row.map((value) => (typeof value === 'object' && value !== null ? value.toString() : value))), name).toEqual(
        csv.rows.map((row) => row.map((cell, k) => expected(cell, types[k]!))).map((row) => row.map((value) => (typeof value === 'object' && value !== null ? value.toString() : value))),
      );
      const metadata = await connection.runAndReadAll(`SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata('${join(dir, `${name}.parquet`)}')`);
      expect(Object.fromEntries(metadata.getRows() as [string, string][])).toEqual({ engine: `crisis-sim ${manifest.engine.version}`, experimentHash: manifest.experimentHash, masterSeed: '7' });
    }
    const runTypes = await connection.runAndReadAll(`SELECT typeof(protocol), typeof(consentDelay), typeof("usa.firstDeployHours"), typeof("usa.firstDeployHours.status"), typeof(run) FROM read_parquet('${join(dir, 'runs.parquet')}') LIMIT 1`);
    expect(runTypes.getRows()[0]).toEqual(['BOOLEAN', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'BIGINT']);
  }, 60_000);

  it('text cells hold the raw text, without the CSV formula guard', async () => {
    // Names a spreadsheet would run as formulas: runs.csv guards them with an apostrophe.
    const names = ['=1+1', '-x', '@home', '+1 flag', "'=quoted", 'Haiti'];
    const text = readFileSync(join(FIXTURES, 'small.yaml'), 'utf8')
      .replace(/factors:[\s\S]*replications: 3/, `factors:\n  - name: hostName\n    path: nations.hti.name\n    values: ${JSON.stringify(names)}\nreplications: 1`)
      .replace("metrics: [firstResponseHours, needsMet50Hours, unmetNeedHours, 'usa.*']", 'metrics: [unmetNeedHours]');
    const dir = temporaryDir();
    await runBatch(loadExperimentText(text, join(FIXTURES, 'names.yaml')), { outDir: dir, workers: 0 });
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toContain(",'=1+1,");
    await writeParquet(dir);
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    for (const name of ['runs', 'summary']) {
      const reader = await connection.runAndReadAll(`SELECT hostName FROM read_parquet('${join(dir, `${name}.parquet`)}') ORDER BY point`);
      expect(reader.getRows().map(([value]) => value), name).toEqual(names);
    }
  }, 60_000);

  it('undoes exactly the guard the CSV writer adds, for any text', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const texts = fc.sample(fc.oneof(fc.string(), fc.stringMatching(/^'*[=+\-@\t\r]?[-+0-9.e'a-z=]*$/)), { numRuns: 400, seed: 11 });
    texts.push("'", "''=x", '-1e5', "'-1e5", '+.5', '\t', "'\r");
    await connection.run('CREATE TABLE cells (k INTEGER, "cell text" VARCHAR)');
    const appender = await connection.createAppender('cells');
    texts.forEach((text, k) => {
      appender.appendInteger(k);
      appender.appendVarchar(guardCsvText(text));
      appender.endRow();
    });
    appender.closeSync();
    const reader = await connection.runAndReadAll(`SELECT ${rawTextSql('cell text')} FROM cells ORDER BY k`);
    expect(reader.getRows().map(([value]) => value)).toEqual(texts);
  }, 60_000);

  it('merge --parquet writes them from the command line', async () => {
    const dir = temporaryDir();
    await runBatch(loadExperimentFile(join(FIXTURES, 'small.yaml')), { outDir: dir, workers: 0, shard: { index: 1, count: 1 } });
    const out = temporaryDir();
    const merge = spawnSync(process.execPath, [resolve('bin/crisis-sim.mjs'), 'merge', dir, '--out', out, '--parquet'], { encoding: 'utf8' });
    expect(merge.status).toBe(0);
    for (const name of ['runs', 'summary', 'differences', 'sensitivity']) expect(existsSync(join(out, `${name}.parquet`)), name).toBe(true);
  }, 60_000);
});
