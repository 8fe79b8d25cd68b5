import { sortNumbers } from './sort-numbers.js';

/**
 * Summary statistics for replications: mean, standard deviation, Student-t confidence
 * intervals, quantiles. Pure functions over plain arrays of observed values.
 */

/** Descriptive statistics of a sample; fields that need more data are null. */
export interface Description {
  n: number;
  mean: number | null;
  sd: number | null;
  ci95Low: number | null;
  ci95High: number | null;
  ci95HalfWidth: number | null;
  min: number | null;
  q05: number | null;
  q25: number | null;
  median: number | null;
  q75: number | null;
  q95: number | null;
  max: number | null;
}

/** Mean, sd, 95% t-interval of the mean (n >= 2) and quantiles of the values; `sorted`: the same values sorted ascending, when the caller has them. */
export function describe(values: ArrayLike<number>, sorted?: ArrayLike<number>): Description {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci95Low: null, ci95High: null, ci95HalfWidth: null, min: null, q05: null, q25: null, median: null, q75: null, q95: null, max: null };
  const mean = meanOf(values);
  let squares = 0;
  for (let i = 0; i < n; i += 1) squares += (values[i]! - mean) ** 2;
  const sd = n >= 2 ? Math.sqrt(squares / (n - 1)) : null;
  const halfWidth = sd === null ? null : t975(n - 1) * (sd / Math.sqrt(n));
  sorted ??= sortNumbers(Float64Array.from(values));
  return {
    n,
    mean,
    sd,
    ci95Low: halfWidth === null ? null : mean - halfWidth,
    ci95High: halfWidth === null ? null : mean + halfWidth,
    ci95HalfWidth: halfWidth,
    min: sorted[0]!,
    q05: quantileSorted(sorted, 0.05),
    q25: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    q95: quantileSorted(sorted, 0.95),
    max: sorted[n - 1]!,
  };
}

/** Half-width of the 95% t-interval of the mean; null below two values. */
export function ciHalfWidth(values: ArrayLike<number>): number | null {
  return describe(values).ci95HalfWidth;
}

const t975Cache = new Map<number, number>();

/** The 0.975 quantile of Student's t, remembered per degrees of freedom: a summary asks for the same few many times. */
function t975(df: number): number {
  let quantile = t975Cache.get(df);
  if (quantile === undefined) t975Cache.set(df, (quantile = studentTQuantile(0.975, df)));
  return quantile;
}

export function meanOf(values: ArrayLike<number>): number {
  // Kahan summation keeps the mean independent of how large the sample grows.
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < values.length; i += 1) {
    const y = values[i]! - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
  }
  return sum / values.length;
}

/** Quantile of sorted values by linear interpolation between order statistics (R type 7, numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/** The p-quantile of Student's t with `df` degrees of freedom (p in (0, 1)), by bisection on the CDF. */
export function studentTQuantile(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 100 && high - low > 1e-12 * high; i += 1) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** CDF of Student's t: 1 - I_x(df/2, 1/2)/2 for t >= 0 with x = df/(df + t^2). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** I_x(a, b) by its continued fraction (Lentz's method), using the symmetry for fast convergence. */
function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedIncompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 300; m += 1) {
    const evenTerm = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    for (const term of [evenTerm, -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + term * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + term / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      f *= c * d;
    }
    if (Math.abs(c * d - 1) < 1e-15) break;
  }
  return (front * f) / a;
}

/** log Γ(x) for x > 0 (Lanczos approximation, g = 7). */
function logGamma(x: number): number {
  const coefficients = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = coefficients[0]!;
  for (let i = 1; i < 9; i += 1) sum += coefficients[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
