import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../metrics/trace-file.js';
import { replicationSeed, type ExperimentManifest } from './manifest.js';
import type { Shard } from './plan.js';
import { csvHeader, csvRow, fromExperimentRun, jsonlLine, runCoordinates, toExperimentRun, type ExperimentRun, type RunOutcome } from './records.js';
import { differencesCsv, sensitivityCsv, summaryCsv } from './summary.js';
import type { ResultTable } from './table.js';

/**
 * The results folder of a batch: experiment.json (the manifest), runs.jsonl (the
 * journal, one line per finished run, appended as runs finish), runs.csv (the same as a
 * table), and when the batch is complete summary.csv, differences.csv and
 * sensitivity.csv. A shard also has shard.json.
 *
 * Crash safety: each run is appended as one complete line with one write; a line
 * without its newline (a write cut short by kill -9) is ignored on resume, and files
 * that are rewritten are written to a temporary file and renamed over the old one.
 */

/** A problem with a results folder: wrong experiment, missing files, existing results. */
export class ResultsError extends Error {
  override name = 'ResultsError';
}

export const RESULT_FILES = {
  manifest: 'experiment.json',
  journal: 'runs.jsonl',
  runs: 'runs.csv',
  summary: 'summary.csv',
  differences: 'differences.csv',
  sensitivity: 'sensitivity.csv',
  shard: 'shard.json',
} as const;

/** Reads a results folder's manifest. */
export function readManifest(dir: string): ExperimentManifest {
  const path = join(dir, RESULT_FILES.manifest);
  if (!existsSync(path)) throw new ResultsError(`${dir} is not a batch results folder (no ${RESULT_FILES.manifest})`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as ExperimentManifest;
  if (manifest.format !== 'crisis-sim/experiment@1') throw new ResultsError(`${path}: unknown format ${String(manifest.format)}`);
  return manifest;
}

/** The shard a results folder holds, if it is one. */
export function readShard(dir: string): Shard | undefined {
  const path = join(dir, RESULT_FILES.shard);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Shard) : undefined;
}

/**
 * Every complete, valid run line of runs.jsonl, in file order. A last line without its
 * newline was cut short and is ignored; so is any line that does not parse as a run of
 * this experiment (counted in `ignored`).
 */
export function readJournal(dir: string, manifest: ExperimentManifest): { outcomes: RunOutcome[]; ignored: number } {
  const path = join(dir, RESULT_FILES.journal);
  if (!existsSync(path)) return { outcomes: [], ignored: 0 };
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const partial = lines.pop()!;
  const outcomes: RunOutcome[] = [];
  let ignored = partial === '' ? 0 : 1;
  for (const line of lines) {
    if (line === '') continue;
    try {
      outcomes.push(fromExperimentRun(manifest, JSON.parse(line)));
    } catch {
      ignored += 1;
    }
  }
  return { outcomes, ignored };
}

/** Appends finished runs to runs.jsonl and runs.csv, one write per line per file. */
export class Journal {
  private readonly jsonl: number;
  private readonly csv: number;

  constructor(dir: string, private readonly manifest: ExperimentManifest) {
    this.jsonl = openSync(join(dir, RESULT_FILES.journal), 'a');
    this.csv = openSync(join(dir, RESULT_FILES.runs), 'a');
  }

  append(run: ExperimentRun): void {
    writeSync(this.jsonl, jsonlLine(run));
    writeSync(this.csv, csvRow(this.manifest, run));
  }

  close(): void {
    closeSync(this.jsonl);
    closeSync(this.csv);
  }
}

/**
 * Prepares a results folder for a batch. A fresh start refuses a folder that already
 * holds runs; a resume of a folder without results is a fresh start; a resume refuses results of a different experiment or shard, keeps every
 * valid finished run exactly once (failed runs are dropped, to be tried again) and
 * rewrites the journal without any cut-short line.
 */
export function openResults(dir: string, manifest: ExperimentManifest, options: { resume: boolean; shard: Shard | undefined }): { completed: RunOutcome[]; ignored: number } {
  mkdirSync(dir, { recursive: true });
  const manifestPath = join(dir, RESULT_FILES.manifest);
  if (!options.resume || !existsSync(manifestPath)) {
    if (existsSync(join(dir, RESULT_FILES.journal)) || existsSync(manifestPath)) {
      throw new ResultsError(`${dir} already holds batch results: add --resume to continue them, or choose another --out folder`);
    }
    writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    if (options.shard) writeFileAtomic(join(dir, RESULT_FILES.shard), `${JSON.stringify(options.shard)}\n`);
    writeFileAtomic(join(dir, RESULT_FILES.journal), '');
    writeFileAtomic(join(dir, RESULT_FILES.runs), csvHeader(manifest));
    return { completed: [], ignored: 0 };
  }
  const previous = readManifest(dir);
  if (previous.experimentHash !== manifest.experimentHash) {
    throw new ResultsError(`${dir} holds results of a different experiment (${previous.id}, ${previous.experimentHash.slice(0, 19)}); the experiment file, its scenarios or the engine changed since`);
  }
  const shard = readShard(dir);
  if (JSON.stringify(shard) !== JSON.stringify(options.shard)) {
    throw new ResultsError(`${dir} holds ${shard ? `shard ${shard.index}/${shard.count}` : 'an unsharded batch'}; resume it with the same --shard`);
  }
  const { outcomes, ignored } = readJournal(dir, manifest);
  const seen = new Set<number>();
  const completed = outcomes.filter((outcome) => outcome.status === 'ok' && !seen.has(outcome.run) && seen.add(outcome.run));
  completed.sort((a, b) => a.run - b.run);
  writeRuns(dir, manifest, completed);
  return { completed, ignored };
}

/** Rewrites runs.jsonl and runs.csv with these outcomes, in the order given. */
export function writeRuns(dir: string, manifest: ExperimentManifest, outcomes: Iterable<RunOutcome>): void {
  const runs = (function* () {
    for (const outcome of outcomes) yield toExperimentRun(manifest, outcome, replicationSeed(manifest.seed, runCoordinates(manifest, outcome.run).replication));
  })();
  const jsonl = new AtomicWriter(join(dir, RESULT_FILES.journal));
  const csv = new AtomicWriter(join(dir, RESULT_FILES.runs));
  csv.write(csvHeader(manifest));
  for (const run of runs) {
    jsonl.write(jsonlLine(run));
    csv.write(csvRow(manifest, run));
  }
  jsonl.commit();
  csv.commit();
}

/**
 * Writes the final results in run order: the manifest, the runs, and (unless this is a
 * shard, whose summary would describe only part of the runs) the summaries.
 */
export function writeFinalResults(dir: string, table: ResultTable, runs: readonly number[], options: { summaries: boolean }): void {
  writeFileAtomic(join(dir, RESULT_FILES.manifest), `${JSON.stringify(table.manifest, null, 2)}\n`);
  writeRuns(dir, table.manifest, (function* () {
    for (const run of runs) yield table.get(run)!;
  })());
  if (!options.summaries) return;
  writeFileAtomic(join(dir, RESULT_FILES.summary), summaryCsv(table));
  writeFileAtomic(join(dir, RESULT_FILES.differences), differencesCsv(table));
  writeFileAtomic(join(dir, RESULT_FILES.sensitivity), sensitivityCsv(table));
}

/** A file written in chunks to a temporary sibling and renamed into place on commit, so memory stays flat. */
class AtomicWriter {
  private readonly temporary: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(private readonly path: string) {
    this.temporary = `${path}.${process.pid}.tmp`;
    this.fd = openSync(this.temporary, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 20) this.flush();
  }

  commit(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.temporary, this.path);
  }

  private flush(): void {
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}
