import seedrandom from 'seedrandom';
import { aleaSeedState } from './alea-seed.js';

/** A seeded source of uniform draws in [0, 1) with the distributions the model uses. */
export class RandomStream {
  private next: () => number;
  private spareNormal: number | undefined;

  constructor(seedText: string) {
    // Alea: seedrandom's fastest generator with good statistical quality, the draws of
    // `seedrandom.alea(seedText)`. Seeded at the first draw: a run asks for about a fifth
    // of its streams without drawing from them (docs/performance.md).
    this.next = () => {
      this.next = seedrandom.alea('', { state: aleaSeedState(seedText) });
      return this.next();
    };
  }

  /** Uniform on [0, 1). */
  random(): number {
    return this.next();
  }

  /** Uniform on [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Exponential with the given mean (> 0). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Normal with mean and standard deviation, by the polar Box-Muller method. */
  normal(mean: number, sd: number): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return mean + sd * u * factor;
  }

  /** Log-normal with the given median and log-space standard deviation `sigma`. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Triangular on [min, max] with the given mode, by inverse transform. */
  triangular(min: number, mode: number, max: number): number {
    const u = this.next();
    const range = max - min;
    if (range === 0) return min;
    const cut = (mode - min) / range;
    return u < cut
      ? min + Math.sqrt(u * range * (mode - min))
      : max - Math.sqrt((1 - u) * range * (max - mode));
  }

  /**
   * Gamma with shape k > 0 and the given mean (scale = mean / k), by Marsaglia and Tsang's
   * squeeze method (ACM TOMS 26(3), 2000); shapes below 1 use the boost U^(1/k).
   */
  gamma(shape: number, mean: number): number {
    if (!(shape > 0) || !(mean > 0)) throw new RangeError(`gamma needs shape > 0 and mean > 0 (got ${shape}, ${mean})`);
    const scale = mean / shape;
    if (shape < 1) return this.gammaUnitScale(shape + 1) * Math.pow(this.next(), 1 / shape) * scale;
    return this.gammaUnitScale(shape) * scale;
  }

  /** Erlang: the sum of `phases` (a whole number >= 1) exponential stages, with the given total mean. */
  erlang(phases: number, mean: number): number {
    if (!Number.isInteger(phases) || phases < 1) throw new RangeError(`erlang needs a whole number of phases >= 1 (got ${phases})`);
    return this.gamma(phases, mean);
  }

  /**
   * Poisson count with the given mean (>= 0): by multiplication of uniforms (Knuth) below a
   * mean of 30, and above by Hormann's transformed rejection PTRS (Insurance: Mathematics
   * and Economics 12, 1993), whose cost does not grow with the mean.
   */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poisson needs a finite mean >= 0 (got ${mean})`);
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let count = 0;
      for (let product = this.next(); product > limit; product *= this.next()) count++;
      return count;
    }
    return this.poissonPtrs(mean);
  }

  /** A whole number uniform on [min, max], both included (whole numbers, min <= max). */
  integer(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(`integer needs whole numbers min <= max (got ${min}, ${max})`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Gamma with shape >= 1 and scale 1 (Marsaglia-Tsang). */
  private gammaUnitScale(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = this.normal(0, 1);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Poisson by transformed rejection with squeeze (PTRS), valid for means >= 10. */
  private poissonPtrs(mean: number): number {
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v * inverseAlpha / (a / (us * us) + b)) <= -mean + k * logMean - logFactorial(k)) return k;
    }
  }
}

/** ln(k!) by summing logs up to 30 and Stirling's series beyond (error < 1e-10). */
function logFactorial(k: number): number {
  if (k < 30) {
    let sum = 0;
    for (let i = 2; i <= k; i++) sum += Math.log(i);
    return sum;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/**
 * Named random streams derived from one run seed.
 *
 * Each stream is seeded from the run seed and its own name (e.g. `nation/usa/delays`),
 * so adding a nation or changing one factor does not shift any other stream's draws:
 * the basis of common random numbers across experiment arms.
 */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  /** The stream with this name, created on first use. */
  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new RandomStream(`${this.seed}:${name}`);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
