/**
 * Exact arithmetic for needs that change continuously between events.
 *
 * A capability's need is `level * exp(ratePerHour * (t - sinceHours))` units and its
 * effective supply is constant between world changes, so unmet need, its area and its
 * peak have closed forms over any interval: nothing is sampled on a tick.
 */
export interface NeedCurve {
  level: number;
  ratePerHour: number;
  sinceHours: number;
}

/** Rate per hour for a half-life or doubling time (hours); 0 when both are null. */
export function needRate(halfLifeHours: number | null, doublingHours: number | null): number {
  if (halfLifeHours !== null) return -Math.LN2 / halfLifeHours;
  if (doublingHours !== null) return Math.LN2 / doublingHours;
  return 0;
}

/** Units needed at time `t`. */
export function needAt(curve: NeedCurve, t: number): number {
  return curve.ratePerHour === 0 ? curve.level : curve.level * Math.exp(curve.ratePerHour * (t - curve.sinceHours));
}

/** Integral of the need curve over [a, b]. */
function needArea(curve: NeedCurve, a: number, b: number): number {
  const exponent = curve.ratePerHour * (b - a);
  // expm1 keeps precision for tiny rates; below 1e-12 the curve is flat to double precision.
  if (Math.abs(exponent) < 1e-12) return needAt(curve, a) * (b - a);
  return (needAt(curve, a) * Math.expm1(exponent)) / curve.ratePerHour;
}

/** Unmet units at time t given a constant supply. */
export function unmetAt(curve: NeedCurve, supply: number, t: number): number {
  return Math.max(0, needAt(curve, t) - supply);
}

/** Exact integral of max(0, need(t) - supply) over [a, b], in unit-hours. */
export function unmetArea(curve: NeedCurve, supply: number, a: number, b: number): number {
  if (b <= a) return 0;
  const start = needAt(curve, a);
  const end = needAt(curve, b);
  if (start <= supply && end <= supply) return 0;
  if (start >= supply && end >= supply) return needArea(curve, a, b) - supply * (b - a);
  // The need crosses the supply once inside (a, b): integrate only where it is above.
  const crossing = curve.sinceHours + Math.log(supply / curve.level) / curve.ratePerHour;
  return start > supply
    ? needArea(curve, a, crossing) - supply * (crossing - a)
    : needArea(curve, crossing, b) - supply * (b - crossing);
}

/**
 * Share of need that is met at time t: the mean over capabilities of min(1, supply / need),
 * each capability counting once (a capability with no need is fully met); 1 when there
 * are no capabilities. Capabilities are not interchangeable, so one capability's surplus
 * never hides another's gap, and adding need to any capability never raises coverage
 * (a need-weighted share, Σ min(supply, need) / Σ need, rose when need was added to an
 * over-supplied capability).
 */
export function coverageAt(curves: readonly NeedCurve[], supplies: readonly number[], t: number): number {
  computeCoverage(curves, supplies, t, null);
  return COVERAGE[0]!;
}

/**
 * Where {@link computeCoverage} leaves its result. The crossing searches compute coverage
 * thousands of times per run; a function that returns a double V8 does not inline boxes it
 * on the heap at every call (a tenth of a run's allocations), a typed array holds it as is.
 */
const COVERAGE = new Float64Array(1);

/**
 * {@link coverageAt}, left in `COVERAGE[0]`. `fixed[i]`, when given and not NaN, is
 * capability i's met share, known to be the same at every t asked (see {@link shareOver}):
 * it is added in its place instead of being computed again, so the sum is the same.
 */
function computeCoverage(curves: readonly NeedCurve[], supplies: readonly number[], t: number, fixed: Float64Array | null): void {
  if (curves.length === 0) {
    COVERAGE[0] = 1;
    return;
  }
  let metShares = 0;
  for (let i = 0; i < curves.length; i++) {
    const known = fixed === null ? NaN : fixed[i]!;
    if (known === known) {
      metShares += known;
      continue;
    }
    // needAt written out, for the same reason.
    const curve = curves[i]!;
    const need = curve.ratePerHour === 0 ? curve.level : curve.level * Math.exp(curve.ratePerHour * (t - curve.sinceHours));
    const supply = supplies[i]!;
    metShares += need <= 0 || supply >= need ? 1 : supply / need;
  }
  COVERAGE[0] = metShares / curves.length;
}

/**
 * Relative margin that bounds a capability's met share over an interval from the need at
 * its two ends. Within [from, to] the need's exponent is monotone in t (each rounding is),
 * and `Math.exp` is within an ulp of the exact, monotone exponential, so the need computed
 * at any t of the interval lies within a few ulps (1e-15) of the range of its two ends.
 */
const SHARE_MARGIN = 1e-9;

/**
 * Where {@link shareOver} leaves its result: [0] the share if it is fixed (else NaN),
 * [1] an upper bound of the share (a typed array, for the reason of {@link COVERAGE}).
 */
const SHARE_OVER = new Float64Array(2);

/**
 * What capability `curve`'s met share can be at any t in [from, to], as
 * {@link computeCoverage} computes it there. Fixed, exactly: a steady need; a need the
 * supply exceeds at both ends by {@link SHARE_MARGIN} (met, 1); a positive need with no
 * supply (0). Else NaN, with an upper bound from the need's lower end. Most capabilities
 * are fixed over most searches.
 */
function shareOver(curve: NeedCurve, supply: number, from: number, to: number): void {
  SHARE_OVER[0] = NaN;
  SHARE_OVER[1] = 1;
  if (curve.ratePerHour === 0) {
    const need = curve.level;
    SHARE_OVER[0] = SHARE_OVER[1] = need <= 0 || supply >= need ? 1 : supply / need;
    return;
  }
  if (!(curve.level > 0)) return;
  const atFrom = needAt(curve, from);
  const atTo = needAt(curve, to);
  const lowest = Math.min(atFrom, atTo);
  if (supply >= Math.max(atFrom, atTo) * (1 + SHARE_MARGIN)) SHARE_OVER[0] = SHARE_OVER[1] = 1;
  else if (supply === 0 && lowest * (1 - SHARE_MARGIN) > Number.MIN_VALUE) SHARE_OVER[0] = SHARE_OVER[1] = 0;
  // Below the need the share is supply / need, at most a hair above supply / lowest need.
  else if (lowest > 1e-300) SHARE_OVER[1] = Math.min(1, (supply / lowest) * (1 + SHARE_MARGIN));
}

/** Steps of the grid on which coverage crossings are first looked for. */
const CROSSING_GRID_STEPS = 32;

/**
 * First time in [from, to] at which coverage reaches `target`, or null. Coverage is
 * scanned on a fine grid and the first crossing refined by bisection to 1e-6 h.
 */
export function firstCoverageCrossing(
  curves: readonly NeedCurve[],
  supplies: readonly number[],
  target: number,
  from: number,
  to: number,
): number | null {
  return new CoverageScan(curves, supplies, from, to).firstCrossing(target);
}

/**
 * Coverage crossings of several targets over one interval with the same needs and supply
 * (the supply watch looks for 50%, 90% and resolution after each supply change): the
 * coverage at each grid point is computed once, when a search first reaches it, and
 * shared by every target. Each target's answer is exactly {@link firstCoverageCrossing}'s.
 * One scan serves search after search: {@link restart} starts it anew over another
 * interval, with the needs and supplies its arrays hold then (nothing is allocated).
 */
export class CoverageScan {
  /** Coverage at grid point k (time {@link timeAt}), NaN until a search reaches it. */
  private readonly grid = new Float64Array(CROSSING_GRID_STEPS + 1);
  /** Each capability's met share where it is the same all over [from, to] ({@link shareOver}), else NaN. */
  private fixed = new Float64Array(0);
  /**
   * No coverage computed anywhere in [from, to] exceeds this: each capability's share is at
   * most its bound, and a sum rounds monotonically in each term, so the bounds summed in
   * the same order bound every coverage. A target above it is never reached.
   */
  private highest = 1;
  private from = 0;
  private to = 0;

  constructor(
    private readonly curves: readonly NeedCurve[],
    private readonly supplies: readonly number[],
    from: number,
    to: number,
  ) {
    this.restart(from, to);
  }

  /** Searches anew over [from, to], with the needs and supplies the scan's arrays hold now. */
  restart(from: number, to: number): void {
    const { curves, supplies } = this;
    this.from = from;
    this.to = to;
    this.grid.fill(NaN);
    if (this.fixed.length !== curves.length) this.fixed = new Float64Array(curves.length);
    let bounds = 0;
    for (let i = 0; i < curves.length; i++) {
      shareOver(curves[i]!, supplies[i]!, from, to);
      this.fixed[i] = SHARE_OVER[0]!;
      bounds += SHARE_OVER[1]!;
    }
    this.highest = curves.length === 0 ? 1 : bounds / curves.length;
  }

  /** First time in [from, to] at which coverage reaches `target`, or null. */
  firstCrossing(target: number): number | null {
    if (target > this.highest) return null;
    if (this.reachedAtStep(0, target)) return this.from;
    for (let k = 1; k <= CROSSING_GRID_STEPS; k++) {
      if (this.reachedAtStep(k, target)) {
        let low = this.timeAt(k - 1);
        let high = this.timeAt(k);
        while (high - low > 1e-6) {
          const mid = (low + high) / 2;
          computeCoverage(this.curves, this.supplies, mid, this.fixed);
          if (COVERAGE[0]! >= target) high = mid;
          else low = mid;
        }
        return high;
      }
    }
    return null;
  }

  private timeAt(k: number): number {
    if (k === 0) return this.from;
    return k === CROSSING_GRID_STEPS ? this.to : this.from + ((this.to - this.from) * k) / CROSSING_GRID_STEPS;
  }

  /** Whether coverage at grid point k reaches `target` (a boolean: nothing to box). A NaN coverage is computed again, to NaN. */
  private reachedAtStep(k: number, target: number): boolean {
    let coverage = this.grid[k]!;
    if (coverage !== coverage) {
      computeCoverage(this.curves, this.supplies, this.timeAt(k), this.fixed);
      coverage = COVERAGE[0]!;
      this.grid[k] = coverage;
    }
    return coverage >= target;
  }
}
