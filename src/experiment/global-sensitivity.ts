import { RandomStream } from '../kernel/random.js';
import { sobolPoints, SOBOL_MAX_DIMENSIONS } from './sobol-sequence.js';
import { meanOf, quantileSorted } from './statistics.js';
import type { Estimate } from './survival.js';

/**
 * Global sensitivity analysis over the unit cube [0, 1]^k: the sample designs and the
 * estimators of Morris elementary effects and Sobol indices, with bootstrap 95%
 * intervals. Pure functions: the caller maps unit coordinates to factor values and
 * feeds back one response per design point. Seeded streams make the Morris design and
 * the bootstrap draws reproducible; the Sobol design is a fixed low-discrepancy sequence.
 */

/** How many bootstrap resamples the intervals use. */
export const BOOTSTRAP_RESAMPLES = 500;

/** Grid of a Morris design: p levels 0, 1/(p−1), ..., 1 and the jump Δ = p / (2(p − 1)). */
export const MORRIS_GRID_POINTS = 4;
const MORRIS_DELTA = MORRIS_GRID_POINTS / (2 * (MORRIS_GRID_POINTS - 1));

/**
 * Morris (1991) trajectories: `trajectories` random starts on the grid, each followed by
 * k steps of ±Δ, one factor at a time in random order. Returns r(k + 1) points, the
 * trajectories one after another.
 */
export function morrisDesign(trajectories: number, factors: number, seed: string): number[][] {
  const stream = new RandomStream(`${seed}:experiment/morris`);
  const points: number[][] = [];
  const lowStarts = Array.from({ length: MORRIS_GRID_POINTS / 2 }, (_, i) => i / (MORRIS_GRID_POINTS - 1));
  for (let t = 0; t < trajectories; t += 1) {
    // Starting low, a step is +Δ; starting high, −Δ: every point stays on the grid.
    const start = Array.from({ length: factors }, () => (stream.random() < 0.5 ? lowStarts[Math.floor(stream.random() * lowStarts.length)]! : 1 - lowStarts[Math.floor(stream.random() * lowStarts.length)]!));
    const order = shuffled(factors, stream);
    let point = start;
    points.push(point);
    for (const factor of order) {
      point = point.slice();
      point[factor] = point[factor]! + (point[factor]! < 0.5 ? MORRIS_DELTA : -MORRIS_DELTA);
      points.push(point);
    }
  }
  return points;
}

/** Elementary-effect statistics of one factor: μ* (mean |EE|, with a bootstrap interval), μ (mean EE), σ (sd of EE). */
export interface MorrisIndices {
  muStar: Estimate;
  mu: number | null;
  sigma: number | null;
}

/**
 * Elementary effects of a Morris design's responses, in response units per unit of the
 * factor's full range: EE = (y after − y before) / step. `design` and `responses` as from
 * {@link morrisDesign}, r(k + 1) rows.
 */
export function morrisIndices(design: readonly (readonly number[])[], responses: readonly number[], factors: number, seed: string): MorrisIndices[] {
  const trajectories = design.length / (factors + 1);
  const effects: number[][] = Array.from({ length: factors }, () => []);
  for (let t = 0; t < trajectories; t += 1) {
    for (let s = 0; s < factors; s += 1) {
      const before = t * (factors + 1) + s;
      const moved = design[before + 1]!.findIndex((value, j) => value !== design[before]![j]);
      effects[moved]![t] = (responses[before + 1]! - responses[before]!) / (design[before + 1]![moved]! - design[before]![moved]!);
    }
  }
  const stream = new RandomStream(`${seed}:experiment/morris-bootstrap`);
  return effects.map((values) => {
    const absolute = values.map(Math.abs);
    const muStar = values.length === 0 ? null : meanOf(absolute);
    return { muStar: { estimate: muStar, ...bootstrap(absolute.length, stream, (pick) => meanOf(pick.map((i) => absolute[i]!))) }, mu: values.length === 0 ? null : meanOf(values), sigma: sampleSd(values) };
  });
}

/**
 * Saltelli's (2010) design for Sobol indices: base matrices A and B of `samples` rows
 * each, taken from one Sobol' low-discrepancy sequence of 2k dimensions (A its first k
 * coordinates, B its last k, as in Saltelli et al. 2010 and SALib), and for each factor i
 * the matrix A with column i from B. The sequence's first point (the origin, every factor
 * at its lower end in A and B alike) is skipped: its A, B and A_B^i rows are one point and
 * add nothing to the estimators. Returns the rows in the order A, B, A_B^1, ..., A_B^k:
 * samples × (k + 2) points; at most {@link SOBOL_MAX_FACTORS} factors.
 */
export function saltelliDesign(samples: number, factors: number): number[][] {
  if (factors > SOBOL_MAX_FACTORS) throw new RangeError(`a Sobol design takes at most ${SOBOL_MAX_FACTORS} factors, not ${factors}`);
  const sequence = sobolPoints(samples, 2 * factors, 1);
  const a = sequence.map((point) => point.slice(0, factors));
  const b = sequence.map((point) => point.slice(factors));
  const mixed = Array.from({ length: factors }, (_, i) => a.map((row, n) => row.map((value, j) => (j === i ? b[n]![j]! : value))));
  return [...a, ...b, ...mixed.flat()];
}

/** Most factors of a Sobol design: its sequence has two coordinates per factor. */
export const SOBOL_MAX_FACTORS = Math.floor(SOBOL_MAX_DIMENSIONS / 2);

/** First-order and total Sobol indices of one factor, with bootstrap 95% intervals. */
export interface SobolIndices {
  first: Estimate;
  total: Estimate;
}

/**
 * Sobol indices from the responses of a {@link saltelliDesign}: first order by
 * Saltelli's (2010) estimator V_i = mean(f(B)(f(A_B^i) − f(A))), total by Jansen's (1999)
 * V_Ti = mean((f(A) − f(A_B^i))²)/2, both divided by the variance of f over A and B.
 * Intervals: percentile bootstrap over the base rows.
 */
export function sobolIndices(responses: readonly number[], samples: number, factors: number, seed: string): SobolIndices[] {
  const stream = new RandomStream(`${seed}:experiment/sobol-bootstrap`);
  const all = Array.from({ length: samples }, (_, n) => n);
  const point = sobolEstimates(responses, samples, factors, all);
  const draws = Array.from({ length: BOOTSTRAP_RESAMPLES }, () => sobolEstimates(responses, samples, factors, resample(samples, stream)));
  return point.map((estimate, i) => ({
    first: { estimate: estimate.first, ...percentiles(draws.map((draw) => draw[i]!.first)) },
    total: { estimate: estimate.total, ...percentiles(draws.map((draw) => draw[i]!.total)) },
  }));
}

/** The Sobol estimators over these base rows (indices into A and B, repeats allowed); null when the response does not vary. */
function sobolEstimates(responses: readonly number[], samples: number, factors: number, rows: readonly number[]): { first: number | null; total: number | null }[] {
  let sum = 0;
  let squares = 0;
  for (const n of rows) {
    const a = responses[n]!;
    const b = responses[samples + n]!;
    sum += a + b;
    squares += a * a + b * b;
  }
  const count = 2 * rows.length;
  const variance = squares / count - (sum / count) ** 2;
  return Array.from({ length: factors }, (_, i) => {
    if (!(variance > 1e-12 * (squares / count))) return { first: null, total: null };
    let first = 0;
    let total = 0;
    for (const n of rows) {
      const a = responses[n]!;
      const mixed = responses[(2 + i) * samples + n]!;
      first += responses[samples + n]! * (mixed - a);
      total += (a - mixed) ** 2;
    }
    return { first: first / rows.length / variance, total: total / (2 * rows.length) / variance };
  });
}

/** Percentile bootstrap 95% interval of a statistic of `n` items (the statistic takes the picked indices). */
function bootstrap(n: number, stream: RandomStream, statistic: (pick: number[]) => number): { ci95Low: number | null; ci95High: number | null } {
  if (n < 2) return { ci95Low: null, ci95High: null };
  return percentiles(Array.from({ length: BOOTSTRAP_RESAMPLES }, () => statistic(resample(n, stream))));
}

function resample(n: number, stream: RandomStream): number[] {
  return Array.from({ length: n }, () => Math.floor(stream.random() * n));
}

function percentiles(values: readonly (number | null)[]): { ci95Low: number | null; ci95High: number | null } {
  const known = Float64Array.from(values.filter((value): value is number => value !== null)).sort();
  if (known.length < values.length / 2) return { ci95Low: null, ci95High: null };
  return { ci95Low: quantileSorted(known, 0.025), ci95High: quantileSorted(known, 0.975) };
}

function sampleSd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = meanOf(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
}

function shuffled(n: number, stream: RandomStream): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(stream.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
