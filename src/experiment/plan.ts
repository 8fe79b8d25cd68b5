import { runIndex, type ExperimentManifest } from './manifest.js';
import { summarizeMilestone } from './milestones.js';
import { valueStatus, type RunOutcome, type ValueStatus } from './records.js';
import { ciHalfWidth } from './statistics.js';
import { Z95 } from './survival.js';
import type { ResultTable } from './table.js';

/** `--shard K/N`: this process runs the runs whose index is K-1 modulo N. */
export interface Shard {
  /** 1-based: K of K/N. */
  index: number;
  count: number;
}

/**
 * Run indices `start`, `start + step`, ... below `end`: every run of an experiment (step 1)
 * or a shard's share (step N). Walked lazily and as often as needed, so a plan of ten
 * million runs takes no memory; `length` is known without walking it.
 */
export class RunRange implements Iterable<number> {
  constructor(
    readonly start: number,
    readonly step: number,
    readonly end: number,
  ) {}

  get length(): number {
    return this.end > this.start ? Math.ceil((this.end - this.start) / this.step) : 0;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let run = this.start; run < this.end; run += this.step) yield run;
  }
}

/** Runs in run order: a range, or (under a stopping rule) the list of the stages so far. */
export type RunList = RunRange | readonly number[];

/** The runs to do so far, and whether the plan is final (no stopping decision waits on results). */
export interface RunPlan {
  runs: RunList;
  complete: boolean;
}

/**
 * Every run of the experiment, or a shard's share, in run order. Runs are numbered
 * replication-major (runIndex), so every replication of every design point is the
 * range 0 .. points x replications, and shard K/N the runs K-1, K-1+N, ...
 */
export function everyRun(manifest: { points: readonly unknown[]; replications: number }, shard?: Shard): RunRange {
  const total = manifest.points.length * manifest.replications;
  return shard ? new RunRange(shard.index - 1, shard.count, total) : new RunRange(0, 1, total);
}

/**
 * The stopping metric in one finished run: its value (null unless observed), its status
 * and when the run ended; null for a run that failed.
 */
export type StoppingObservation = { value: number | null; status: ValueStatus; censoredAtHours: number } | null;

/**
 * Which runs the experiment needs, given the results so far. `observe(run)` is the
 * stopping metric in a finished run, undefined for a run not done.
 *
 * Without a stopping rule every design point gets every replication. With one, the
 * replications come in stages (`minReplications`, then `step` at a time, up to
 * `replications`); after each stage a design point whose metric's 95% CI half-width
 * ({@link stoppingHalfWidth}) is below the target stops. The decisions depend only on results, never on timing, so
 * the plan is the same for any worker count, and a merge of shards (which run every
 * replication, since no shard sees all results) replays it exactly.
 */
export function planRuns(manifest: ExperimentManifest, observe: (run: number) => StoppingObservation | undefined, shard?: Shard): RunPlan {
  const rule = manifest.stopping;
  if (shard || !rule) return { runs: everyRun(manifest, shard), complete: true };
  const points = manifest.points.map((point) => point.index);

  const censorable = manifest.columns.find((column) => column.name === rule.metric)?.censorable ?? false;
  const runs: number[] = [];
  let active = points;
  let start = 0;
  let end = Math.min(rule.minReplications, manifest.replications);
  while (start < manifest.replications && active.length > 0) {
    const stage = Array.from({ length: end - start }, (_, k) => active.map((p) => runIndex(manifest, p, start + k))).flat();
    for (const run of stage) runs.push(run);
    if (stage.some((run) => observe(run) === undefined)) return { runs, complete: false };
    active = active.filter((p) => {
      const halfWidth = stoppingHalfWidth(Array.from({ length: end }, (_, r) => observe(runIndex(manifest, p, r))!), censorable);
      return halfWidth === null || halfWidth >= rule.halfWidth;
    });
    start = end;
    end = Math.min(end + rule.step, manifest.replications);
  }
  return { runs, complete: true };
}

/**
 * The 95% CI half-width the stopping rule compares with its target, over a design point's
 * finished runs so far (failed runs left out). A plain metric: the t-interval of its
 * values. A censorable milestone: the interval of its restricted mean time up to the
 * horizon (RMST, as in summary.csv's `rmstCi95Low/High`), which counts every run that
 * did not reach it as the horizon instead of leaving it out, so an arm where the milestone
 * often fails to happen cannot stop early on the few runs where it did. Not-applicable runs
 * are left out. Null (keep going) below two runs, and for a milestone that no run has
 * reached yet: its restricted mean is then the horizon with no spread, which says nothing
 * of how often it would be reached.
 */
export function stoppingHalfWidth(observations: readonly StoppingObservation[], censorable: boolean): number | null {
  const finished = observations.filter((observation): observation is NonNullable<StoppingObservation> => observation !== null);
  if (!censorable) return ciHalfWidth(finished.flatMap((observation) => (observation.value === null ? [] : [observation.value])));
  const summary = summarizeMilestone({
    values: finished.map((observation) => observation.value),
    statuses: finished.map((observation) => observation.status),
    censoredAtHours: finished.map((observation) => observation.censoredAtHours),
  });
  if (summary.observed + summary.censored < 2 || summary.observed === 0 || summary.restricted?.se == null) return null;
  return Z95 * summary.restricted.se;
}

/** The stopping metric of a run outcome (see {@link StoppingObservation}); `column` < 0 when there is no stopping rule. */
export function stoppingObservation(outcome: RunOutcome, column: number): StoppingObservation {
  if (column < 0 || outcome.status !== 'ok') return null;
  return { value: outcome.values[column] ?? null, status: valueStatus(outcome, column), censoredAtHours: outcome.censoredAtHours ?? 0 };
}

/** The plan given the runs recorded in a table (failed runs count as finished with the metric missing). */
export function planFromTable(table: ResultTable, shard?: Shard): RunPlan {
  const manifest = table.manifest;
  const column = stoppingColumn(manifest);
  const observe = (run: number): StoppingObservation | undefined => {
    if (!table.has(run)) return undefined;
    if (column < 0 || !table.ok(run)) return null;
    return { value: table.value(run, column) ?? null, status: table.status(run, column)!, censoredAtHours: table.censoredAt(run) ?? 0 };
  };
  return planRuns(manifest, observe, shard);
}

/** Index of the stopping rule's metric among the manifest's columns; -1 without a rule. */
export function stoppingColumn(manifest: ExperimentManifest): number {
  return manifest.stopping ? manifest.columns.findIndex((column) => column.name === manifest.stopping!.metric) : -1;
}

/** Parses `K/N` (1 <= K <= N); undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return undefined;
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  return shard.index >= 1 && shard.index <= shard.count ? shard : undefined;
}
