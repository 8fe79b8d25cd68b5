import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperimentManifest } from './manifest.js';
import { planFromTable } from './plan.js';
import { readJournal, readManifest, RESULT_FILES, ResultsError, writeFinalResults } from './results-dir.js';
import { runCoordinates } from './records.js';
import { ResultTable } from './table.js';

/**
 * Combines the results folders of shards (or of any partial batches of one experiment)
 * into exactly the folder one unsharded batch would have written: the same runs in the
 * same order, the stopping rule replayed, the summaries computed over all runs. Refuses
 * an output folder that holds results of another experiment (as `batch` does), before
 * writing anything.
 */
export function mergeResults(dirs: readonly string[], outDir: string): { runs: number; sources: number } {
  if (dirs.length === 0) throw new ResultsError('merge needs at least one results folder');
  const manifest = readManifest(dirs[0]!);
  const table = new ResultTable(manifest);
  for (const dir of dirs) {
    const other = readManifest(dir);
    if (other.experimentHash !== manifest.experimentHash) {
      throw new ResultsError(`${dir} holds a different experiment (${other.id}, ${other.experimentHash.slice(0, 19)}) than ${dirs[0]} (${manifest.id}, ${manifest.experimentHash.slice(0, 19)})`);
    }
    for (const outcome of readJournal(dir, manifest).outcomes) table.add(outcome);
  }
  refuseOtherResults(outDir, manifest);
  const plan = planFromTable(table);
  const missing = plan.runs.filter((run) => !table.has(run));
  if (!plan.complete || missing.length > 0) {
    const first = missing[0] ?? plan.runs.find((run) => !table.has(run));
    const where = first === undefined ? '' : ` (first missing: run ${first}, design point ${runCoordinates(manifest, first).point}, replication ${runCoordinates(manifest, first).replication})`;
    throw new ResultsError(`the results are incomplete: ${missing.length} planned runs missing${where}; is a shard missing or unfinished? Resume it with --resume`);
  }
  const selected = new ResultTable(manifest);
  for (const run of plan.runs) selected.add(table.get(run)!);
  mkdirSync(outDir, { recursive: true });
  writeFinalResults(outDir, selected, plan.runs, { summaries: true });
  return { runs: plan.runs.length, sources: dirs.length };
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
