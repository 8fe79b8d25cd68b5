import { wilsonInterval, pairedShareDifference, type PairedCounts } from './proportions.js';
import type { ValueStatus } from './records.js';
import { describe, type Description } from './statistics.js';
import { sortNumbers } from './sort-numbers.js';
import { NOT_APPLICABLE } from './table.js';
import { kaplanMeierQuantile, kaplanMeierSorted, restrictedMean, type Estimate, type KaplanMeierCurve, type RestrictedMean } from './survival.js';

/**
 * Censoring-aware statistics of a milestone over runs: pure functions over each run's
 * value, status (observed, censored, not applicable) and end time, so they can be fed
 * from any storage. A censored run counts as "not reached by the time it ended", never
 * as 0 and never dropped; a not-applicable run is left out (the milestone is not its).
 */

/** One milestone in one set of runs: each run's value (null unless observed), status and end time. */
export interface MilestoneSample {
  values: readonly (number | null)[];
  statuses: readonly ValueStatus[];
  censoredAtHours: readonly number[];
}

export interface MilestoneSummary {
  runs: number;
  observed: number;
  censored: number;
  notApplicable: number;
  /** Share of the runs it applies to that reached it, with the Wilson 95% interval. */
  reachedShare: Estimate;
  q25: Estimate;
  median: Estimate;
  q75: Estimate;
  /** Mean time to the milestone counting a censored run as the horizon, up to the horizon. */
  restricted: RestrictedMean | null;
}

/**
 * A milestone in one set of runs as the results table stores it: per run its cell (the
 * value when observed, NaN when censored, -Infinity when not applicable) and when the run
 * ended. Summaries of 100,000 runs read these typed arrays instead of a list per run.
 */
export interface MilestoneCells {
  cells: Float64Array;
  ends: Float64Array;
}

/** A sample in the table's form. */
export function toMilestoneCells(sample: MilestoneSample): MilestoneCells {
  const n = sample.statuses.length;
  const cells = new Float64Array(n);
  const ends = Float64Array.from(sample.censoredAtHours);
  for (let i = 0; i < n; i += 1) {
    const status = sample.statuses[i]!;
    cells[i] = status === 'observed' ? sample.values[i]! : status === 'censored' ? Number.NaN : NOT_APPLICABLE;
  }
  return { cells, ends };
}

/** The horizon of a sample: the earliest end among its applicable runs, so every run is followed up to it. */
export function sampleHorizon(sample: MilestoneSample): number | null {
  return cellsHorizon(toMilestoneCells(sample));
}

/** The earliest end among the applicable runs; null when there are none. */
export function cellsHorizon({ cells, ends }: MilestoneCells): number | null {
  let horizon: number | null = null;
  for (let i = 0; i < cells.length; i += 1) if (cells[i] !== NOT_APPLICABLE) horizon = horizon === null ? ends[i]! : Math.min(horizon, ends[i]!);
  return horizon;
}

/** The Kaplan-Meier curve of a sample's applicable runs (a censored run at its end time). */
export function milestoneCurve(sample: MilestoneSample): KaplanMeierCurve {
  return cellsCurve(toMilestoneCells(sample));
}

/** The Kaplan-Meier curve of the applicable runs; `observedSorted`: the observed values sorted, when the caller has them. */
function cellsCurve({ cells, ends }: MilestoneCells, observedSorted?: Float64Array): KaplanMeierCurve {
  const counts = countCells(cells);
  const censorings = new Float64Array(counts.censored);
  const events = observedSorted ?? new Float64Array(counts.observed);
  for (let i = 0, e = 0, c = 0; i < cells.length; i += 1) {
    const cell = cells[i]!;
    if (Number.isFinite(cell)) {
      if (!observedSorted) events[e++] = cell;
    } else if (cell !== NOT_APPLICABLE) censorings[c++] = ends[i]!;
  }
  return kaplanMeierSorted(observedSorted ?? sortNumbers(events), sortNumbers(censorings));
}

/** Share reached, Kaplan-Meier quartiles and the restricted mean of a milestone. */
export function summarizeMilestone(sample: MilestoneSample): MilestoneSummary {
  return summarizeCells(toMilestoneCells(sample));
}

/** {@link summarizeMilestone} of a sample in the table's form; `observedSorted`: its observed values sorted, when the caller has them. */
export function summarizeCells(sample: MilestoneCells, observedSorted?: Float64Array): MilestoneSummary {
  const counts = countCells(sample.cells);
  const applicable = counts.observed + counts.censored;
  const curve = cellsCurve(sample, observedSorted);
  const horizon = cellsHorizon(sample);
  return {
    runs: sample.cells.length,
    observed: counts.observed,
    censored: counts.censored,
    notApplicable: counts.notApplicable,
    reachedShare: wilsonInterval(counts.observed, applicable),
    q25: kaplanMeierQuantile(curve, 0.25),
    median: kaplanMeierQuantile(curve, 0.5),
    q75: kaplanMeierQuantile(curve, 0.75),
    restricted: horizon === null ? null : restrictedMean(curve, horizon),
  };
}

/** The observed values among the cells (the numbers), in their order. */
export function observedValues(cells: Float64Array): Float64Array {
  let observed = 0;
  for (let i = 0; i < cells.length; i += 1) if (Number.isFinite(cells[i]!)) observed += 1;
  const values = new Float64Array(observed);
  for (let i = 0, k = 0; i < cells.length; i += 1) if (Number.isFinite(cells[i]!)) values[k++] = cells[i]!;
  return values;
}

/** Observed (a number), not applicable (-Infinity) and censored (anything else) cells. */
function countCells(cells: Float64Array): { observed: number; censored: number; notApplicable: number } {
  let observed = 0;
  let notApplicable = 0;
  for (let i = 0; i < cells.length; i += 1) {
    if (Number.isFinite(cells[i]!)) observed += 1;
    else if (cells[i] === NOT_APPLICABLE) notApplicable += 1;
  }
  return { observed, censored: cells.length - observed - notApplicable, notApplicable };
}

/** min(time to milestone, horizon): a censored run (followed at least to the horizon) counts as the horizon; null when not applicable. */
export function restrictedTime(value: number | null, status: ValueStatus, horizon: number): number | null {
  switch (status) {
    case 'observed':
      return Math.min(value!, horizon);
    case 'censored':
      return horizon;
    case 'not-applicable':
      return null;
    default: {
      const exhaustive: never = status;
      throw new Error(`unknown status ${String(exhaustive)}`);
    }
  }
}

/** Paired comparison of a milestone between two arms over every pair where it applies to both. */
export interface PairedMilestone {
  pairs: number;
  horizonHours: number | null;
  /** Paired difference of restricted times (first minus second): the difference in RMST, with a t-interval. */
  restrictedDifference: Description;
  /** Paired difference of the shares that reached it, Newcombe's interval. */
  reachedShareDifference: Estimate;
}

/**
 * Compares arm `first` with arm `second` pair by pair (the same replication, hence the
 * same random numbers): both restricted at the earlier horizon of the two, so every pair
 * counts, whether the milestone was reached in both, one or neither.
 */
export function pairedMilestone(first: MilestoneSample, second: MilestoneSample): PairedMilestone {
  const pairs: number[] = [];
  for (let i = 0; i < Math.min(first.statuses.length, second.statuses.length); i += 1) {
    if (first.statuses[i] !== 'not-applicable' && second.statuses[i] !== 'not-applicable') pairs.push(i);
  }
  // A loop, not Math.min(...): a spread of more than about 120,000 pairs overflows the stack.
  let earliest = Infinity;
  for (const i of pairs) earliest = Math.min(earliest, first.censoredAtHours[i]!, second.censoredAtHours[i]!);
  const horizon = pairs.length === 0 ? null : earliest;
  const differences: number[] = [];
  const counts: PairedCounts = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
  for (const i of pairs) {
    differences.push(restrictedTime(first.values[i]!, first.statuses[i]!, horizon!)! - restrictedTime(second.values[i]!, second.statuses[i]!, horizon!)!);
    const a = reachedBy(first, i, horizon!);
    const b = reachedBy(second, i, horizon!);
    if (a && b) counts.both += 1;
    else if (a) counts.firstOnly += 1;
    else if (b) counts.secondOnly += 1;
    else counts.neither += 1;
  }
  return { pairs: pairs.length, horizonHours: horizon, restrictedDifference: describe(differences), reachedShareDifference: pairedShareDifference(counts) };
}

function reachedBy(sample: MilestoneSample, i: number, horizon: number): boolean {
  return sample.statuses[i] === 'observed' && sample.values[i]! <= horizon;
}
