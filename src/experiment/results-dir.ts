import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../guard/output-file.js';
import { prepareOutputFolder } from '../guard/output-folder.js';
import { readManifestFile, readShardFile } from './manifest-file.js';
import { AtomicWriter, Journal } from './journal.js';
import { forEachLine } from './line-reader.js';
import type { ExperimentManifest } from './manifest.js';
import type { Shard } from './plan.js';
import { RESULT_FILES, ResultsError } from './results-files.js';
import { csvHeader, fromExperimentRun, type RunOutcome } from './records.js';
import { runLines } from './run-format.js';
import { columnsJson } from './columns-json.js';
import { sensitivityCsv } from './sensitivity.js';
import { SERIES_HEADER, seriesLines } from './series-csv.js';
import { csvLine } from '../guard/csv.js';
import { differencesCsv, summaryCsv } from './summary.js';
import type { ResultTable } from './table.js';

/**
 * The results folder of a batch: experiment.json (the manifest), runs.jsonl (the
 * journal, one line per finished run, appended as runs finish), runs.csv (the same as a
 * table), series.csv when the experiment asks for each run's time series (`series`),
 * and when the batch is complete summary.csv, differences.csv, sensitivity.csv and
 * columns.json (every column's unit and meaning). A shard also has shard.json.
 *
 * Crash safety: each run is appended as one complete line with one write; a line
 * without its newline (a write cut short by kill -9) is ignored on resume, and files
 * that are rewritten are written to a temporary file and renamed over the old one.
 */

export { RESULT_FILES, ResultsError };

/** Reads a results folder's manifest. */
export function readManifest(dir: string): ExperimentManifest {
  const path = join(dir, RESULT_FILES.manifest);
  if (!existsSync(path)) throw new ResultsError(`${dir} is not a batch results folder (no ${RESULT_FILES.manifest})`);
  return readManifestFile(path);
}

/** The shard a results folder holds, if it is one. */
export function readShard(dir: string): Shard | undefined {
  const path = join(dir, RESULT_FILES.shard);
  return existsSync(path) ? readShardFile(path) : undefined;
}

/** A file a batch or merge writes into a results folder (or its Parquet twin, or the temporary file of one). */
function isResultFile(name: string): boolean {
  const base = name.replace(/\.\d+\.tmp$/, '').replace(/\.parquet$/, '.csv');
  return (Object.values(RESULT_FILES) as string[]).includes(base);
}

/** Why a folder holding these files must not receive results (it holds other files), or undefined. */
export function onlyResultFiles(files: readonly string[]): string | undefined {
  const others = files.filter((name) => !isResultFile(name));
  if (others.length === 0) return undefined;
  return `it holds files that are not batch results (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}); choose a new or empty folder`;
}

/**
 * Every complete, valid run line of runs.jsonl, in file order. A last line without its
 * newline was cut short and is ignored; so is any line that does not parse as a run of
 * this experiment (counted in `ignored`).
 */
export function readJournal(dir: string, manifest: ExperimentManifest): { outcomes: RunOutcome[]; ignored: number } {
  const outcomes: RunOutcome[] = [];
  const ignored = forEachJournalRun(dir, manifest, (outcome) => outcomes.push(outcome));
  return { outcomes, ignored };
}

/**
 * Calls `visit` with every complete, valid run line of runs.jsonl, in file order, reading
 * through one chunk of memory; returns how many lines were ignored (cut short, or not a
 * run of this experiment).
 */
export function forEachJournalRun(dir: string, manifest: ExperimentManifest, visit: (outcome: RunOutcome) => void): number {
  const path = join(dir, RESULT_FILES.journal);
  if (!existsSync(path)) return 0;
  let ignored = 0;
  const { partial } = forEachLine(path, ({ text }) => {
    if (text === '') return;
    let outcome: RunOutcome;
    try {
      outcome = fromExperimentRun(manifest, JSON.parse(text));
    } catch {
      ignored += 1;
      return;
    }
    visit(outcome);
  });
  return ignored + (partial ? 1 : 0);
}

/**
 * Prepares a results folder for a batch. A fresh start refuses a folder that already
 * holds runs; a resume of a folder without results is a fresh start; a resume refuses
 * results of a different experiment or shard, keeps every valid finished run exactly once
 * (failed runs are dropped, to be tried again), records them in `table`, and rewrites
 * the journal in run order without any cut-short line.
 *
 * Bounded memory however many runs were finished: the journal is read line by line, each
 * kept run's values go to the table (which spills to disk) and its lines to scratch files
 * that replace runs.jsonl and runs.csv in run order once all are read.
 */
export function openResults(dir: string, table: ResultTable, options: { resume: boolean; shard: Shard | undefined }): { resumed: number; ignored: number } {
  const manifest = table.manifest;
  prepareOutputFolder(dir, { accept: onlyResultFiles });
  const manifestPath = join(dir, RESULT_FILES.manifest);
  if (!options.resume || !existsSync(manifestPath)) {
    if (existsSync(join(dir, RESULT_FILES.journal)) || existsSync(manifestPath)) {
      throw new ResultsError(`${dir} already holds batch results: add --resume to continue them, or choose another --out folder`);
    }
    writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    if (options.shard) writeFileAtomic(join(dir, RESULT_FILES.shard), `${JSON.stringify(options.shard)}\n`);
    writeFileAtomic(join(dir, RESULT_FILES.journal), '');
    writeFileAtomic(join(dir, RESULT_FILES.runs), csvHeader(manifest));
    return { resumed: 0, ignored: 0 };
  }
  const previous = readManifest(dir);
  if (previous.experimentHash !== manifest.experimentHash) {
    throw new ResultsError(`${dir} holds results of a different experiment (${previous.id}, ${previous.experimentHash.slice(0, 19)}); the experiment file, its scenarios or the engine changed since`);
  }
  const shard = readShard(dir);
  if (JSON.stringify(shard) !== JSON.stringify(options.shard)) {
    throw new ResultsError(`${dir} holds ${shard ? `shard ${shard.index}/${shard.count}` : 'an unsharded batch'}; resume it with the same --shard`);
  }
  const kept = Journal.scratch(dir, manifest);
  try {
    const ignored = forEachJournalRun(dir, manifest, (outcome) => {
      if (outcome.status === 'ok' && table.add(outcome)) kept.append(outcome.run, runLines(manifest, outcome));
    });
    kept.rewriteInOrder(table.runs());
    return { resumed: table.size, ignored };
  } finally {
    kept.discardScratch();
  }
}

/**
 * Writes the final results in run order: the manifest, the runs, and (unless this is a
 * shard, whose summary would describe only part of the runs) the summaries.
 */
export function writeFinalResults(dir: string, table: ResultTable, runs: Iterable<number>, options: { summaries: boolean; journal: Journal }): void {
  writeFileAtomic(join(dir, RESULT_FILES.manifest), `${JSON.stringify(table.manifest, null, 2)}\n`);
  options.journal.rewriteInOrder(runs);
  if (table.manifest.series) writeSeries(dir, table.manifest);
  if (!options.summaries) return;
  writeFileAtomic(join(dir, RESULT_FILES.summary), summaryCsv(table));
  writeFileAtomic(join(dir, RESULT_FILES.differences), differencesCsv(table));
  writeFileAtomic(join(dir, RESULT_FILES.sensitivity), sensitivityCsv(table));
  writeFileAtomic(join(dir, RESULT_FILES.columns), columnsJson(table.manifest));
}

/** series.csv: every finished run's time series in long form, in run order, streamed from the final runs.jsonl. */
function writeSeries(dir: string, manifest: ExperimentManifest): void {
  const file = new AtomicWriter(join(dir, RESULT_FILES.series));
  file.write(csvLine(SERIES_HEADER));
  forEachJournalRun(dir, manifest, (outcome) => {
    if (outcome.series) file.write(seriesLines(manifest, outcome.run, outcome.series));
  });
  file.commit();
}
