import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperimentManifest } from './manifest.js';
import { STATUS_SUFFIX } from './records.js';
import { provenanceCells } from './responses.js';
import { readManifest, RESULT_FILES } from './results-dir.js';

/**
 * Parquet copies of a results folder's CSV files (`runs.parquet`, `summary.parquet`,
 * ...), for pandas, R/arrow, Polars and DuckDB. Written by DuckDB (`@duckdb/node-api`,
 * whose native binary comes inside npm), loaded only when asked for. Column types come
 * from the experiment, not from guessing: counts are BIGINT, values DOUBLE, names and
 * statuses VARCHAR, a boolean factor BOOLEAN. Text cells hold the raw text, without the
 * CSV's formula-guard apostrophe. Each file carries the provenance (engine,
 * experiment hash, master seed) as Parquet key-value metadata.
 */

/** The CSV files that get a Parquet copy, when present. */
export const PARQUET_SOURCES = [RESULT_FILES.runs, RESULT_FILES.summary, RESULT_FILES.differences, RESULT_FILES.sensitivity, RESULT_FILES.series] as const;

const TEXT_COLUMNS = new Set(['scenario', 'scenarioHash', 'baselineScenarioHash', 'engine', 'status', 'error', 'metric', 'unit', 'response', 'factor', 'index', 'experimentHash', 'variable', 'subject']);
const COUNT_COLUMNS = new Set(['run', 'point', 'replication', 'seed', 'censored', 'notApplicable', 'runs', 'observed', 'pairs', 'observedPairs', 'baselinePoint', 'masterSeed']);

/** The DuckDB type of a CSV column of this experiment's results. */
export function columnType(manifest: ExperimentManifest, name: string): 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' {
  if (TEXT_COLUMNS.has(name) || name.endsWith(STATUS_SUFFIX)) return 'VARCHAR';
  if (COUNT_COLUMNS.has(name)) return 'BIGINT';
  const factor = manifest.factors.find((candidate) => candidate.name === name);
  if (factor) {
    if (factor.values.every((value) => typeof value === 'boolean')) return 'BOOLEAN';
    return factor.values.every((value) => typeof value === 'number') ? 'DOUBLE' : 'VARCHAR';
  }
  return 'DOUBLE';
}

/** SQL string literal. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A SQL expression giving a text column's raw value: the CSV files carry the OWASP
 * formula guard (one apostrophe before a text a spreadsheet would run as a formula,
 * src/guard/csv.ts); Parquet is read by programs, not spreadsheets, so it holds the text as
 * it was. Exactly what unguardCsvText undoes: an apostrophe before (more apostrophes and)
 * one of = + - @ tab CR, unless the rest is a plain number. A test checks the two agree.
 */
export function rawTextSql(column: string): string {
  const name = identifier(column);
  const guarded = `regexp_matches(${name}, ${literal(GUARDED_TEXT)}) AND NOT regexp_matches(substr(${name}, 2), ${literal(PLAIN_NUMBER)})`;
  return `CASE WHEN ${guarded} THEN substr(${name}, 2) ELSE ${name} END AS ${name}`;
}

/** RE2 patterns (DuckDB's regexp_matches) of a guarded cell and of a plain number, as in src/guard/csv.ts. */
const GUARDED_TEXT = String.raw`^'+[=+\-@\t\r]`;
const PLAIN_NUMBER = String.raw`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`;

/** SQL quoted identifier. */
function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Writes `<name>.parquet` beside each CSV of a results folder; returns the files written. */
export async function writeParquet(dir: string): Promise<string[]> {
  const manifest = readManifest(dir);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  // Parquet support is built into the npm binary: never fetch an extension from the network.
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  const [engine, experimentHash, masterSeed] = provenanceCells(manifest);
  const metadata = `KV_METADATA {engine: ${literal(engine!)}, experimentHash: ${literal(experimentHash!)}, masterSeed: ${literal(masterSeed!)}}`;
  const written: string[] = [];
  try {
    for (const csv of PARQUET_SOURCES) {
      const source = join(dir, csv);
      if (!existsSync(source)) continue;
      const header = await connection.runAndReadAll(`SELECT * FROM read_csv(${literal(source)}, header = true, all_varchar = true) LIMIT 0`);
      const names = header.columnNames();
      const types = names.map((name) => `${literal(name)}: ${literal(columnType(manifest, name))}`).join(', ');
      const cells = names.map((name) => (columnType(manifest, name) === 'VARCHAR' ? rawTextSql(name) : identifier(name))).join(', ');
      const target = join(dir, csv.replace(/\.csv$/, '.parquet'));
      // A temporary name and a rename, so a crash never leaves a half-written file under the real name.
      const temporary = `${target}.${process.pid}.tmp`;
      await connection.run(`COPY (SELECT ${cells} FROM read_csv(${literal(source)}, header = true, columns = {${types}}, nullstr = '')) TO ${literal(temporary)} (FORMAT parquet, ${metadata})`);
      renameSync(temporary, target);
      written.push(target);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return written;
}
