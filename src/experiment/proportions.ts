import { Z95, type Estimate } from './survival.js';

/**
 * Confidence intervals for shares: the share of runs that reached a milestone (Wilson
 * score interval) and the paired difference of two such shares over common-random-number
 * pairs (Newcombe's hybrid score interval). Both stay inside [0, 1] (or [−1, 1]) and
 * behave at 0 and n successes, where the textbook p ± z·se collapses to a point.
 */

/** Wilson score 95% interval of `successes` out of `n`; all null for n = 0. */
export function wilsonInterval(successes: number, n: number): Estimate {
  if (n === 0) return { estimate: null, ci95Low: null, ci95High: null };
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (successes + z2 / 2) / (n + z2);
  const half = (Z95 * Math.sqrt((successes * (n - successes)) / n + z2 / 4)) / (n + z2);
  return { estimate: p, ci95Low: Math.max(0, centre - half), ci95High: Math.min(1, centre + half) };
}

/** Pairs tallied by outcome: both reached, only the first, only the second, neither. */
export interface PairedCounts {
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
}

/**
 * The difference of two paired shares (first minus second) with Newcombe's (1998)
 * method 10 interval: Wilson limits of each share combined with the phi correlation of
 * the pairs. All null without pairs.
 */
export function pairedShareDifference(counts: PairedCounts): Estimate & { pairs: number } {
  const { both: a, firstOnly: b, secondOnly: c, neither: d } = counts;
  const n = a + b + c + d;
  if (n === 0) return { pairs: 0, estimate: null, ci95Low: null, ci95High: null };
  const first = wilsonInterval(a + b, n);
  const second = wilsonInterval(a + c, n);
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const denominator = Math.sqrt((a + b) * (c + d) * (a + c) * (b + d));
  const phi = denominator === 0 ? 0 : (a * d - b * c) / denominator;
  const [l1, u1, l2, u2] = [first.ci95Low!, first.ci95High!, second.ci95Low!, second.ci95High!];
  const below = Math.sqrt(Math.max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2));
  const above = Math.sqrt(Math.max(0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2));
  const difference = p1 - p2;
  return { pairs: n, estimate: difference, ci95Low: Math.max(-1, difference - below), ci95High: Math.min(1, difference + above) };
}
