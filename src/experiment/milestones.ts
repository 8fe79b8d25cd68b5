import { wilsonInterval, pairedShareDifference, type PairedCounts } from './proportions.js';
import type { ValueStatus } from './records.js';
import { describe, type Description } from './statistics.js';
import { kaplanMeier, kaplanMeierQuantile, restrictedMean, type Estimate, type KaplanMeierCurve, type RestrictedMean } from './survival.js';

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

/** The horizon of a sample: the earliest end among its applicable runs, so every run is followed up to it. */
export function sampleHorizon(sample: MilestoneSample): number | null {
  let horizon: number | null = null;
  sample.statuses.forEach((status, i) => {
    if (status !== 'not-applicable') horizon = horizon === null ? sample.censoredAtHours[i]! : Math.min(horizon, sample.censoredAtHours[i]!);
  });
  return horizon;
}

/** The Kaplan-Meier curve of a sample's applicable runs (a censored run at its end time). */
export function milestoneCurve(sample: MilestoneSample): KaplanMeierCurve {
  const times: number[] = [];
  const reached: boolean[] = [];
  sample.statuses.forEach((status, i) => {
    if (status === 'not-applicable') return;
    times.push(status === 'observed' ? sample.values[i]! : sample.censoredAtHours[i]!);
    reached.push(status === 'observed');
  });
  return kaplanMeier(times, reached);
}

/** Share reached, Kaplan-Meier quartiles and the restricted mean of a milestone. */
export function summarizeMilestone(sample: MilestoneSample): MilestoneSummary {
  const counts = countStatuses(sample.statuses);
  const applicable = counts.observed + counts.censored;
  const curve = milestoneCurve(sample);
  const horizon = sampleHorizon(sample);
  return {
    runs: sample.statuses.length,
    observed: counts.observed,
    censored: counts.censored,
    notApplicable: counts['not-applicable'],
    reachedShare: wilsonInterval(counts.observed, applicable),
    q25: kaplanMeierQuantile(curve, 0.25),
    median: kaplanMeierQuantile(curve, 0.5),
    q75: kaplanMeierQuantile(curve, 0.75),
    restricted: horizon === null ? null : restrictedMean(curve, horizon),
  };
}

function countStatuses(statuses: readonly ValueStatus[]): Record<ValueStatus, number> {
  const counts: Record<ValueStatus, number> = { observed: 0, censored: 0, 'not-applicable': 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
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
