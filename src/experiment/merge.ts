import { existsSync, rmdirSync } from 'node:fs';
import { prepareOutputFolder } from '../guard/output-folder.js';
import { join } from 'node:path';
import { Journal } from './journal.js';
import { LineReader, type LineBytes } from './line-reader.js';
import type { ExperimentManifest } from './manifest.js';
import { planFromTable, type Shard } from './plan.js';
import { fromExperimentRun, runCoordinates, type RunOutcome } from './records.js';
import { runLines } from './run-format.js';
import { RunLineScanner } from './run-scan.js';
import { onlyResultFiles, readManifest, readShard, RESULT_FILES, ResultsError, writeFinalResults } from './results-dir.js';
import { outcomeRow, ResultTable } from './table.js';

/**
 * Combines the results folders of shards (or of any partial batches of one experiment)
 * into exactly the folder one unsharded batch would have written: the same runs in the
 * same order, the stopping rule replayed, the summaries computed over all runs. Refuses
 * an output folder that holds results of another experiment (as `batch` does), and a
 * line of a journal that is not a run of this experiment (or of the shard's share),
 * naming its file and line, before writing any results file.
 *
 * Memory stays bounded however many runs there are: the journals are read line by line
 * in run order (a k-way merge: each shard's journal is in run order), each run's lines go
 * to scratch files beside the results and its values to a ResultTable that spills to
 * disk. A line exactly as a batch writes it is copied as it is (RunLineScanner), any
 * other valid run line is parsed and formatted again. The results files are replaced only
 * once every planned run is there; scratch files that already hold the runs in order
 * (finished shards, no run dropped by a stopping rule) are renamed into place.
 */
export function mergeResults(dirs: readonly string[], outDir: string): { runs: number; sources: number } {
  if (dirs.length === 0) throw new ResultsError('merge needs at least one results folder');
  const manifest = readManifest(dirs[0]!);
  for (const dir of dirs) {
    const other = readManifest(dir);
    if (other.experimentHash !== manifest.experimentHash) {
      throw new ResultsError(`${dir} holds a different experiment (${other.id}, ${other.experimentHash.slice(0, 19)}) than ${dirs[0]} (${manifest.id}, ${manifest.experimentHash.slice(0, 19)})`);
    }
  }
  refuseOtherResults(outDir, manifest);
  const created = !existsSync(outDir);
  // Never into a folder being merged, nor a folder of someone's other files.
  prepareOutputFolder(outDir, { inputs: dirs, accept: onlyResultFiles });
  const table = new ResultTable(manifest, { scratchDir: outDir });
  const journal = Journal.scratch(outDir, manifest);
  let merged = false;
  try {
    const scanner = new RunLineScanner(manifest);
    const row = new Float64Array(manifest.columns.length + 1);
    forEachLineInRunOrder(dirs, (source, line) => {
      let run = scanner.scan(line.chunk, line.start, line.end);
      if (run >= 0) {
        checkShare(source, line, run);
        if (table.addRow(run, true, scanner.row)) journal.append(run, { jsonl: line.chunk.subarray(line.start, line.end + 1), csv: scanner.csvRow() });
        else refuseConflict(table, run, true, scanner.row);
        return;
      }
      const outcome = parseRunLine(manifest, source, line);
      if (!outcome) return;
      run = outcome.run;
      checkShare(source, line, run);
      if (table.add(outcome)) journal.append(run, runLines(manifest, outcome));
      else refuseConflict(table, run, outcome.status === 'ok', outcomeRow(outcome, row));
    });
    const plan = planFromTable(table);
    let missing = 0;
    let first: number | undefined;
    for (const run of plan.runs) {
      if (table.has(run)) continue;
      missing += 1;
      first ??= run;
    }
    if (!plan.complete || missing > 0) {
      const where = first === undefined ? '' : ` (first missing: run ${first}, design point ${runCoordinates(manifest, first).point}, replication ${runCoordinates(manifest, first).replication})`;
      throw new ResultsError(`the results are incomplete: ${missing} planned runs missing${where}; is a shard missing or unfinished? Resume it with --resume`);
    }
    table.keepOnly(plan.runs);
    writeFinalResults(outDir, table, plan.runs, { summaries: true, journal });
    merged = true;
    return { runs: plan.runs.length, sources: dirs.length };
  } finally {
    journal.discardScratch();
    table.close();
    if (!merged && created) removeIfEmpty(outDir);
  }
}

/** A journal being merged: its path and, for a shard, which runs are its share. */
interface Source {
  path: string;
  shard: Shard | undefined;
}

/** Two folders with different results for one run (both finished): one of them is not this experiment's run, so nothing is merged. */
function refuseConflict(table: ResultTable, run: number, ok: boolean, row: Float64Array): void {
  if (!ok || !table.ok(run)) return;
  for (let column = 0; column < row.length - 1; column += 1) {
    const value = Number.isFinite(row[column]!) ? row[column]! : null;
    if (table.value(run, column) !== value) throw new ResultsError(`run ${run} has different results in two of the folders; they hold conflicting results of the same run and cannot be merged`);
  }
}

/** Throws when a shard's journal holds a run outside the shard's share (`--shard K/N` runs K-1, K-1+N, ...). */
function checkShare(source: Source, line: LineBytes, run: number): void {
  const shard = source.shard;
  if (shard && run % shard.count !== shard.index - 1) throw lineError(source, line, `run ${run} is not one of shard ${shard.index}/${shard.count}'s runs`);
}

/** The outcome of a run line that is not in the form a batch writes (undefined for an empty line); throws naming the file and line when it is not a run of this experiment. */
function parseRunLine(manifest: ExperimentManifest, source: Source, line: LineBytes): RunOutcome | undefined {
  if (line.end === line.start) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(line.chunk.toString('utf8', line.start, line.end));
  } catch {
    throw lineError(source, line, 'not JSON');
  }
  try {
    return fromExperimentRun(manifest, record);
  } catch (error) {
    throw lineError(source, line, (error as Error).message.replace(/\s+/g, ' ').slice(0, 120));
  }
}

function lineError(source: Source, line: LineBytes, reason: string): ResultsError {
  return new ResultsError(`${source.path}:${line.number}: not a run of this experiment (${reason}); the file is damaged or was edited, so nothing was merged`);
}

/** Throws when `dir` holds results (or a shard) of a different experiment; the same experiment's merged results may be rewritten. */
function refuseOtherResults(dir: string, manifest: ExperimentManifest): void {
  if (!existsSync(join(dir, RESULT_FILES.manifest))) {
    if (existsSync(join(dir, RESULT_FILES.journal))) throw new ResultsError(`${dir} already holds batch results; choose another --out folder`);
    return;
  }
  const existing = readManifest(dir);
  if (existing.experimentHash !== manifest.experimentHash) {
    throw new ResultsError(`${dir} already holds results of another experiment (${existing.id}, ${existing.experimentHash.slice(0, 19)}); choose another --out folder`);
  }
  if (existsSync(join(dir, RESULT_FILES.shard))) throw new ResultsError(`${dir} holds a shard of this experiment; merge into another --out folder`);
}

/**
 * Calls `visit` with every complete line of the folders' journals, in ascending run order
 * (the first number of each line) as far as each journal is in order (finished shards
 * are), reading one chunk of each journal at a time. A last line cut short (no newline:
 * a batch killed while writing it) is left out. The line's bytes are valid during `visit` only.
 */
function forEachLineInRunOrder(dirs: readonly string[], visit: (source: Source, line: LineBytes) => void): void {
  const sources = dirs.filter((dir) => existsSync(join(dir, RESULT_FILES.journal))).map((dir) => ({ path: join(dir, RESULT_FILES.journal), shard: readShard(dir) }));
  const readers = sources.map((source) => new LineReader(source.path));
  try {
    const heads = readers.map((reader) => reader.nextBytes());
    const headRuns = heads.map((head) => (head ? firstNumber(head) : Infinity));
    for (;;) {
      let next = -1;
      for (let k = 0; k < heads.length; k += 1) if (heads[k] && (next < 0 || headRuns[k]! < headRuns[next]!)) next = k;
      if (next < 0) return;
      visit(sources[next]!, heads[next]!);
      heads[next] = readers[next]!.nextBytes();
      headRuns[next] = heads[next] ? firstNumber(heads[next]!) : Infinity;
    }
  } finally {
    for (const reader of readers) reader.close();
  }
}

/** The first number in a line's first 24 bytes (its run index), or -1. */
function firstNumber(line: LineBytes): number {
  let value = -1;
  for (let i = line.start; i < Math.min(line.end, line.start + 24); i += 1) {
    const digit = line.chunk[i]! - 48;
    if (digit >= 0 && digit <= 9) value = Math.max(value, 0) * 10 + digit;
    else if (value >= 0) break;
  }
  return value;
}

/** Removes a folder this merge created, unless something else is in it. */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty: leave it.
  }
}
