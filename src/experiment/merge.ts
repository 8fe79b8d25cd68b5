import { existsSync, rmdirSync } from 'node:fs';
import { prepareOutputFolder } from '../guard/output-folder.js';
import { join } from 'node:path';
import { Journal } from './journal.js';
import { LineReader } from './line-reader.js';
import type { ExperimentManifest } from './manifest.js';
import { planFromTable } from './plan.js';
import { fromExperimentRun, runCoordinates, type RunOutcome } from './records.js';
import { runLines } from './run-format.js';
import { onlyResultFiles, readManifest, RESULT_FILES, ResultsError, writeFinalResults } from './results-dir.js';
import { ResultTable } from './table.js';

/**
 * Combines the results folders of shards (or of any partial batches of one experiment)
 * into exactly the folder one unsharded batch would have written: the same runs in the
 * same order, the stopping rule replayed, the summaries computed over all runs. Refuses
 * an output folder that holds results of another experiment (as `batch` does), before
 * writing anything.
 *
 * Memory stays bounded however many runs there are: the journals are read line by line
 * in run order (a k-way merge: each shard's journal is in run order), each run is
 * formatted again into scratch files beside the results, and its values go to a
 * ResultTable that spills to disk. The results files are replaced only once every
 * planned run is there.
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
    forEachRunInOrder(dirs, manifest, (outcome) => {
      if (table.add(outcome)) journal.append(outcome.run, runLines(manifest, outcome));
      else refuseConflict(table, outcome);
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

/** Two folders with different results for one run (both finished): one of them is not this experiment's run, so nothing is merged. */
function refuseConflict(table: ResultTable, outcome: RunOutcome): void {
  const differs = outcome.values.some((value, column) => table.value(outcome.run, column) !== value);
  if (table.ok(outcome.run) && outcome.status === 'ok' && differs) {
    throw new ResultsError(`run ${outcome.run} has different results in two of the folders; they hold conflicting results of the same run and cannot be merged`);
  }
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
 * Calls `visit` with every valid run line of the folders' journals, in ascending run
 * order as far as each journal is in order (finished shards are), reading one chunk of
 * each journal at a time. Lines that are cut short or not runs of this experiment are skipped.
 */
function forEachRunInOrder(dirs: readonly string[], manifest: ExperimentManifest, visit: (outcome: RunOutcome) => void): void {
  const readers = dirs.map((dir) => join(dir, RESULT_FILES.journal)).filter((path) => existsSync(path)).map((path) => new LineReader(path));
  try {
    const heads = readers.map((reader) => reader.next());
    const runOf = (text: string) => Number(/\d+/.exec(text.slice(0, 24))?.[0] ?? -1);
    const headRuns = heads.map((head) => (head ? runOf(head.text) : Infinity));
    for (;;) {
      let next = -1;
      for (let k = 0; k < heads.length; k += 1) if (heads[k] && (next < 0 || headRuns[k]! < headRuns[next]!)) next = k;
      if (next < 0) return;
      const text = heads[next]!.text;
      heads[next] = readers[next]!.next();
      headRuns[next] = heads[next] ? runOf(heads[next]!.text) : Infinity;
      let outcome: RunOutcome;
      try {
        outcome = fromExperimentRun(manifest, JSON.parse(text));
      } catch {
        continue;
      }
      visit(outcome);
    }
  } finally {
    for (const reader of readers) reader.close();
  }
}

/** Removes a folder this merge created, unless something else is in it. */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty: leave it.
  }
}
