import { sortNumbers } from './sort-numbers.js';

/**
 * Time-to-event statistics for milestones that may not happen before the horizon:
 * the Kaplan-Meier curve with Greenwood variances, its quantiles with confidence limits
 * (Brookmeyer-Crowley style, as R's survival package computes them) and the restricted
 * mean time up to a horizon (RMST). Pure functions over plain arrays of times and
 * whether each event was observed (false = censored at that time).
 */

/** z for two-sided 95% intervals. */
export const Z95 = 1.959963984540054;

/** The Kaplan-Meier estimate of the share not yet reached, a step function. */
export interface KaplanMeierCurve {
  /** Sample size. */
  n: number;
  /** Events observed. */
  events: number;
  /** Distinct event times, ascending. */
  times: number[];
  /** S(t) from each event time on (S = 1 before the first). */
  survival: number[];
  /** Runs at risk just before each event time. */
  atRisk: number[];
  /** Events at each event time. */
  eventsAt: number[];
  /** Greenwood's sum of d/(n(n - d)) up to each event time; Infinity once S reaches 0. */
  greenwood: number[];
  /** Largest time in the sample, event or censoring: the curve is known up to here. */
  lastTime: number;
}

/** Kaplan-Meier estimate from each run's time and whether its event was observed (censorings at an event time count as after it). */
export function kaplanMeier(times: ArrayLike<number>, observed: ArrayLike<boolean>): KaplanMeierCurve {
  let events = 0;
  for (let i = 0; i < times.length; i += 1) if (observed[i]) events += 1;
  const eventTimes = new Float64Array(events);
  const censoringTimes = new Float64Array(times.length - events);
  for (let i = 0, e = 0, c = 0; i < times.length; i += 1) {
    if (observed[i]) eventTimes[e++] = times[i]!;
    else censoringTimes[c++] = times[i]!;
  }
  return kaplanMeierSorted(sortNumbers(eventTimes), sortNumbers(censoringTimes));
}

/**
 * The Kaplan-Meier estimate from the event times and the censoring times, each sorted
 * ascending. At each distinct event time the runs at risk are those whose time (event or
 * censoring) is not earlier, so a censoring at an event time counts as after it.
 */
export function kaplanMeierSorted(eventTimes: ArrayLike<number>, censoringTimes: ArrayLike<number>): KaplanMeierCurve {
  const n = eventTimes.length + censoringTimes.length;
  const lastTime = n === 0 ? 0 : Math.max(eventTimes[eventTimes.length - 1] ?? -Infinity, censoringTimes[censoringTimes.length - 1] ?? -Infinity);
  const curve: KaplanMeierCurve = { n, events: eventTimes.length, times: [], survival: [], atRisk: [], eventsAt: [], greenwood: [], lastTime };
  let survival = 1;
  let greenwood = 0;
  let censoredBefore = 0;
  for (let e = 0; e < eventTimes.length; ) {
    const time = eventTimes[e]!;
    while (censoredBefore < censoringTimes.length && censoringTimes[censoredBefore]! < time) censoredBefore += 1;
    const atRisk = n - e - censoredBefore;
    let events = 0;
    for (; e < eventTimes.length && eventTimes[e] === time; e += 1) events += 1;
    survival *= 1 - events / atRisk;
    greenwood = atRisk === events ? Infinity : greenwood + events / (atRisk * (atRisk - events));
    curve.times.push(time);
    curve.survival.push(survival);
    curve.atRisk.push(atRisk);
    curve.eventsAt.push(events);
    curve.greenwood.push(greenwood);
  }
  return curve;
}

/** S(t) of a curve at time t (right-continuous). */
export function survivalAt(curve: KaplanMeierCurve, t: number): number {
  let survival = 1;
  for (let i = 0; i < curve.times.length && curve.times[i]! <= t; i += 1) survival = curve.survival[i]!;
  return survival;
}

/** An estimate with its 95% confidence limits; a null limit could not be estimated (for a quantile: not reached within the data). */
export interface Estimate {
  estimate: number | null;
  ci95Low: number | null;
  ci95High: number | null;
}

/**
 * The time by which a share p of the runs reached the milestone (p = 0.5: the median),
 * with 95% limits. Point estimate: the first time S(t) <= 1 - p, or the midpoint to the
 * next event time where S equals 1 - p exactly over an interval (so with no censoring
 * the median is the sample median). Limits: the same rule applied to the upper and lower
 * pointwise 95% bands of S on the log scale (Brookmeyer and Crowley's construction, the
 * default of R's survival package). Null when the curve never gets down that far.
 */
export function kaplanMeierQuantile(curve: KaplanMeierCurve, p: number): Estimate {
  const target = 1 - p;
  const lower = curve.survival.map((s, i) => (s === 0 ? 0 : s * Math.exp(-Z95 * Math.sqrt(curve.greenwood[i]!))));
  const upper = curve.survival.map((s, i) => (s === 0 ? Number.NaN : Math.min(1, s * Math.exp(Z95 * Math.sqrt(curve.greenwood[i]!)))));
  return { estimate: crossing(curve.times, curve.survival, target), ci95Low: crossing(curve.times, lower, target), ci95High: crossing(curve.times, upper, target) };
}

const TOLERANCE = 1e-8;

/** First time a step curve is at or below the target (NaN steps skipped), averaged with the next time where it sits exactly on the target. */
function crossing(times: readonly number[], curve: readonly number[], target: number): number | null {
  for (let i = 0; i < times.length; i += 1) {
    const value = curve[i]!;
    if (Number.isNaN(value) || value > target + TOLERANCE) continue;
    if (Math.abs(value - target) < TOLERANCE && i + 1 < times.length) return (times[i]! + times[i + 1]!) / 2;
    return times[i]!;
  }
  return null;
}

/** The restricted mean time to the milestone up to a horizon, with its standard error and 95% normal limits. */
export interface RestrictedMean extends Estimate {
  horizonHours: number;
  se: number | null;
}

/**
 * RMST: the area under the Kaplan-Meier curve from 0 to `horizon`, i.e. the mean of
 * min(time to milestone, horizon). Variance: Σ A_i² d_i / (n_i (n_i − d_i)) over event
 * times up to the horizon, A_i the area under the curve from t_i to the horizon (the
 * estimator of R's survRM2). A run censored at or after the horizon counts as the horizon.
 */
export function restrictedMean(curve: KaplanMeierCurve, horizon: number): RestrictedMean {
  if (curve.n === 0) return { horizonHours: horizon, estimate: null, se: null, ci95Low: null, ci95High: null };
  const steps: { time: number; survival: number }[] = [{ time: 0, survival: 1 }];
  curve.times.forEach((time, i) => {
    if (time <= horizon) steps.push({ time, survival: curve.survival[i]! });
  });
  // Area from each step's time to the horizon, accumulated from the right.
  const areaAfter = new Array<number>(steps.length).fill(0);
  for (let k = steps.length - 1; k >= 0; k -= 1) {
    const next = k + 1 < steps.length ? steps[k + 1]!.time : horizon;
    areaAfter[k] = (next - steps[k]!.time) * steps[k]!.survival + (k + 1 < steps.length ? areaAfter[k + 1]! : 0);
  }
  let variance = 0;
  for (let k = 1; k < steps.length; k += 1) {
    const i = k - 1;
    const atRisk = curve.atRisk[i]!;
    const events = curve.eventsAt[i]!;
    if (atRisk > events) variance += (areaAfter[k]! ** 2 * events) / (atRisk * (atRisk - events));
  }
  const estimate = areaAfter[0]!;
  const se = Math.sqrt(variance);
  return { horizonHours: horizon, estimate, se, ci95Low: estimate - Z95 * se, ci95High: estimate + Z95 * se };
}
