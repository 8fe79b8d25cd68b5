import { runIndex, type ExperimentManifest } from './manifest.js';
import { ciHalfWidth } from './statistics.js';
import type { ResultTable } from './table.js';

/** `--shard K/N`: this process runs the runs whose index is K-1 modulo N. */
export interface Shard {
  /** 1-based: K of K/N. */
  index: number;
  count: number;
}

/** The runs to do so far, and whether the plan is final (no stopping decision waits on results). */
export interface RunPlan {
  runs: number[];
  complete: boolean;
}

/**
 * Which runs the experiment needs, given the results so far. `valueOf(run)` is the
 * stopping metric of a finished run (null when missing), undefined for a run not done.
 *
 * Without a stopping rule every design point gets every replication. With one, the
 * replications come in stages (`minReplications`, then `step` at a time, up to
 * `replications`); after each stage a design point whose metric's 95% CI half-width is
 * below the target stops. The decisions depend only on results, never on timing, so
 * the plan is the same for any worker count, and a merge of shards (which run every
 * replication, since no shard sees all results) replays it exactly.
 */
export function planRuns(manifest: ExperimentManifest, valueOf: (run: number) => number | null | undefined, shard?: Shard): RunPlan {
  const points = manifest.points.map((point) => point.index);
  const every = (replications: number, active: readonly number[]) => Array.from({ length: replications }, (_, r) => active.map((p) => runIndex(manifest, p, r))).flat();
  if (shard) return { runs: every(manifest.replications, points).filter((run) => run % shard.count === shard.index - 1), complete: true };
  const rule = manifest.stopping;
  if (!rule) return { runs: every(manifest.replications, points), complete: true };

  const runs: number[] = [];
  let active = points;
  let start = 0;
  let end = Math.min(rule.minReplications, manifest.replications);
  while (start < manifest.replications && active.length > 0) {
    const stage = Array.from({ length: end - start }, (_, k) => active.map((p) => runIndex(manifest, p, start + k))).flat();
    for (const run of stage) runs.push(run);
    if (stage.some((run) => valueOf(run) === undefined)) return { runs, complete: false };
    active = active.filter((p) => {
      const observed = Array.from({ length: end }, (_, r) => valueOf(runIndex(manifest, p, r))).filter((value): value is number => typeof value === 'number');
      const halfWidth = ciHalfWidth(observed);
      return halfWidth === null || halfWidth >= rule.halfWidth;
    });
    start = end;
    end = Math.min(end + rule.step, manifest.replications);
  }
  return { runs, complete: true };
}

/** The plan given the runs recorded in a table (failed runs count as finished with the metric missing). */
export function planFromTable(table: ResultTable, shard?: Shard): RunPlan {
  const manifest = table.manifest;
  const column = manifest.stopping ? manifest.columns.findIndex((candidate) => candidate.name === manifest.stopping!.metric) : -1;
  const valueOf = (run: number) => (!table.has(run) ? undefined : column < 0 || !table.ok(run) ? null : (table.value(run, column) ?? null));
  return planRuns(manifest, valueOf, shard);
}

/** Parses `K/N` (1 <= K <= N); undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return undefined;
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  return shard.index >= 1 && shard.index <= shard.count ? shard : undefined;
}
